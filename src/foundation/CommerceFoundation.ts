import type { Container } from 'inversify';
import type { Knex } from 'knex';
import type { CommerceConfig } from '../config/commerceConfigSchema.js';
import type { AuthorizationResponse } from '../authorization/AuthorizationDecision.js';
import type { Authorizer } from '../authorization/Authorizer.js';
import { authorizeOperations } from '../pipeline/authorizeOperations.js';
import type { OperationService } from '../pipeline/OperationService.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { CommerceRequest } from '../requests/CommerceRequest.js';
import type { RequestContext } from '../requests/RequestContext.js';
import type { MigrationReport } from '../profiles/schema/migrateProfileTables.js';
import type { ProfilesSystem } from '../profiles/ProfilesSystem.js';
import type { ProfileContext } from '../profiles/runtime/ProfileContext.js';
import type { ProfileManagementContext } from '../profiles/runtime/ProfileManagementContext.js';
import type { ResolvedSequence } from '../sequences/ResolvedSequence.js';
import type { DatabaseChoice } from '../storage/resolveDatabaseConfig.js';

export interface FoundationParts {
  readonly root: string;
  readonly config: CommerceConfig;
  readonly database: DatabaseChoice;
  readonly knex: Knex;
  readonly container: Container;
  readonly sequences: ReadonlyMap<string, ResolvedSequence>;
  readonly channels: ReadonlyMap<string, ReadonlyMap<string, ResolvedSequence>>;
  readonly service: OperationService;
  readonly profiles: ProfilesSystem;
  readonly migration: MigrationReport | undefined;
  /** The rules of config/authorization.json; undefined when there is none. */
  readonly authorizer: Authorizer | undefined;
}

/** A started framework: send requests with `processRequest`, end it with `close`. */
export class CommerceFoundation {
  readonly root: string;
  readonly config: CommerceConfig;
  /** The database in use and where that choice came from. */
  readonly database: DatabaseChoice;
  /** The default database: the operations' own SQL, profiles without a HASHING key, blocked users. */
  readonly knex: Knex;
  readonly container: Container;
  /** The effective sequences of the default channel, by handler name. */
  readonly sequences: ReadonlyMap<string, ResolvedSequence>;
  /** The effective sequences of each declared channel, by channel name, then by handler name. */
  readonly channelSequences: ReadonlyMap<string, ReadonlyMap<string, ResolvedSequence>>;
  /** The Profiles System outside operations: each call runs in a transaction of its own. */
  readonly profiles: ProfileContext;
  /** Refreshes cached profiles here and, in a web farm, on every server. */
  readonly profileManagement: ProfileManagementContext;
  /** The profile definitions in use, their store and their cache. */
  readonly profilesSystem: ProfilesSystem;
  /** What start-up created: tables and columns (undefined with `migrate: false`). */
  readonly migration: MigrationReport | undefined;
  /** Runs an operation, or every operation of a request in order, each through its sequence. */
  readonly processRequest: OperationService['processRequest'];
  private closed = false;
  private readonly service: OperationService;
  private readonly authorizer: Authorizer | undefined;

  constructor(parts: FoundationParts) {
    this.root = parts.root;
    this.config = parts.config;
    this.database = parts.database;
    this.knex = parts.knex;
    this.container = parts.container;
    this.sequences = parts.sequences;
    this.channelSequences = new Map([...parts.channels].filter(([channel]) => channel !== ''));
    this.service = parts.service;
    this.authorizer = parts.authorizer;
    this.processRequest = parts.service.processRequest.bind(parts.service);
    this.profilesSystem = parts.profiles;
    this.migration = parts.migration;
    this.profiles = parts.profiles.context;
    this.profileManagement = parts.profiles.management;
  }

  /**
   * Whether each operation of the request would be allowed for this caller by config/authorization.json (all are,
   * without the file), decided by the same rules and with the same reasons as the Authorization step, without running
   * it. The request is validated first, as processRequest validates it (ValidationFault).
   */
  async authorizeRequest(request: CommerceOperation<object> | CommerceRequest<readonly CommerceOperation<object>[]>, requestContext?: RequestContext): Promise<AuthorizationResponse> {
    const checked = this.service.checkedRequest(request, requestContext);
    return authorizeOperations(checked.operations, checked.requestContext, this.authorizer, this.profiles);
  }

  /** Ends the database pools; the process can exit. Requests and Profiles System calls after it fail with FoundationClosedFault. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.service.close();
    await this.profilesSystem.close();
  }
}
