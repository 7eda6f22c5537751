import type { CacheConfig } from '../config/commerceConfigSchema.js';
import type { TransactionScope } from '../pipeline/TransactionScope.js';
import { dialectOf } from '../storage/Dialect.js';
import type { Partitions } from '../storage/Partitions.js';
import { SqlRunner } from '../storage/SqlRunner.js';
import { ProfileCache } from './cache/ProfileCache.js';
import type { DefinitionSet } from './definitions/DefinitionSet.js';
import { localBus, type CacheBus } from './farm/CacheBus.js';
import { ProfileContext, type ProfileServices } from './runtime/ProfileContext.js';
import { ProfileManagementContext } from './runtime/ProfileManagementContext.js';
import { ProfileReads } from './runtime/ProfileReads.js';
import { ProfileSession } from './runtime/ProfileSession.js';
import { ProfileWrites } from './runtime/ProfileWrites.js';
import { OperationSessionSource, StandaloneSessionSource } from './runtime/SessionSource.js';
import { ProfilePlacement } from './store/ProfilePlacement.js';
import { ProfileStore } from './store/ProfileStore.js';

/** The Profiles System of one foundation: definitions, store, cache, and the contexts that use them. */
export class ProfilesSystem {
  readonly cache: ProfileCache;
  readonly services: ProfileServices;
  /** The API outside operations: each call in a transaction of its own. */
  readonly context: ProfileContext;
  readonly management: ProfileManagementContext;

  readonly placement: ProfilePlacement;

  constructor(
    readonly partitions: Partitions,
    readonly definitions: DefinitionSet,
    cacheConfig: CacheConfig,
    readonly bus: CacheBus = localBus,
  ) {
    const knex = partitions.defaultDatabase;
    this.cache = new ProfileCache(definitions, cacheConfig);
    this.placement = new ProfilePlacement(partitions);
    const store = new ProfileStore(definitions, new SqlRunner(dialectOf(knex)));
    const reads = new ProfileReads(store, this.cache, this.placement, (property) => definitions.get(property.references ?? ''));
    const writes = new ProfileWrites(store, reads, this.placement);
    this.services = { definitions, store, reads, writes, placement: this.placement };
    this.context = new ProfileContext(this.services, new StandaloneSessionSource(knex, this.cache));
    this.management = new ProfileManagementContext(definitions, this.cache, bus);
  }

  /** A context whose every call runs in an operation's transaction. */
  contextFor(scope: TransactionScope): ProfileContext {
    const session = new ProfileSession(scope, this.partitions.defaultDatabase, this.cache);
    return new ProfileContext(this.services, new OperationSessionSource(session));
  }
}
