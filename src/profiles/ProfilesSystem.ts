import type { CacheConfig } from '../config/commerceConfigSchema.js';
import { dialectOf } from '../storage/dialects/dialects.js';
import type { Partitions } from '../storage/Partitions.js';
import type { TransactionScope } from '../storage/TransactionScope.js';
import { BlockedUsers } from './blocked/BlockedUsers.js';
import { applyCacheMessage } from './cache/applyCacheMessage.js';
import { ProfileCache } from './cache/ProfileCache.js';
import type { CompiledProperty } from './definitions/CompiledDefinition.js';
import type { DefinitionSet } from './definitions/DefinitionSet.js';
import { localBus, type CacheBus } from './farm/CacheBus.js';
import { DecisionLocks } from './runtime/DecisionLocks.js';
import { ProfileContext, type ProfileServices } from './runtime/ProfileContext.js';
import { ProfileManagementContext } from './runtime/ProfileManagementContext.js';
import { ProfileReads } from './runtime/ProfileReads.js';
import { ProfileSearches } from './runtime/ProfileSearches.js';
import { ProfileSession } from './runtime/ProfileSession.js';
import { ProfileWriteLog, type WrittenProfiles } from './runtime/ProfileWriteLog.js';
import { ProfileWrites } from './runtime/ProfileWrites.js';
import { OperationSessionSource, StandaloneSessionSource } from './runtime/SessionSource.js';
import { UserBlocking } from './runtime/UserBlocking.js';
import { ProfilePlacement } from './store/ProfilePlacement.js';
import { createProfileStore } from './store/ProfileStore.js';

export interface OperationProfiles {
  readonly context: ProfileContext;
  readonly written: WrittenProfiles;
}

/** The Profiles System of one foundation: definitions, store, cache, and the contexts that use them. */
export class ProfilesSystem {
  readonly cache: ProfileCache;
  readonly services: ProfileServices;
  /** The API outside operations: each call in a transaction of its own. */
  readonly context: ProfileContext;
  readonly management: ProfileManagementContext;

  readonly placement: ProfilePlacement;
  private closed = false;

  constructor(
    readonly partitions: Partitions,
    readonly definitions: DefinitionSet,
    cacheConfig: CacheConfig,
    readonly bus: CacheBus = localBus,
  ) {
    const knex = partitions.defaultDatabase;
    this.cache = new ProfileCache(definitions, cacheConfig);
    this.placement = new ProfilePlacement(partitions);
    const dialect = dialectOf(knex);
    const store = createProfileStore(definitions, dialect);
    const definitionOf = (property: CompiledProperty) => definitions.get(property.references ?? '');
    const reads = new ProfileReads(store.loader, this.cache, this.placement, definitionOf);
    const writes = new ProfileWrites(store, reads, this.placement, definitions);
    const locks = new DecisionLocks(definitions, store.references, this.placement);
    const blocking = new UserBlocking(new BlockedUsers(dialect));
    const searches = new ProfileSearches(store.loader, reads, this.placement);
    this.services = { definitions, store, reads, writes, placement: this.placement, locks, blocking, searches };
    const isOpen = () => !this.closed;
    this.context = new ProfileContext(this.services, new StandaloneSessionSource(knex, this.cache, bus, isOpen));
    this.management = new ProfileManagementContext(definitions, this.cache, this.bus, isOpen, this.context);
    bus.subscribe((message) => applyCacheMessage(this.cache, message));
  }


  /** Ends the farm's connection and the database pools; calls through `context` and `management` then fail with FoundationClosedFault. */
  async close(): Promise<void> {
    this.closed = true;
    await this.bus.close();
    await this.partitions.destroy();
  }

  /** For an operation: a context whose every call runs in its transaction, and what those calls wrote. */
  forOperation(scope: TransactionScope, stepNow: () => string | undefined): OperationProfiles {
    const written = new ProfileWriteLog();
    const session = new ProfileSession(scope, this.partitions.defaultDatabase, this.cache, this.bus, written, stepNow);
    return { context: new ProfileContext(this.services, new OperationSessionSource(session)), written };
  }
}
