import type { Knex } from 'knex';
import type { Logger } from '../logging/Logger.js';
import type { OperationLog } from './OperationLog.js';
import type { OperationProfiles } from '../profiles/ProfilesSystem.js';
import type { ProfileContext } from '../profiles/runtime/ProfileContext.js';
import type { WrittenProfiles } from '../profiles/runtime/ProfileWriteLog.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { RequestContext } from '../requests/RequestContext.js';
import type { CommerceOperationResponse } from '../responses/OperationResponses.js';
import type { OperationContext } from '../sequences/OperationContext.js';
import { EmptySlotError, type OperationSlot } from '../sequences/OperationSlot.js';
import type { TransactionScope } from '../storage/TransactionScope.js';

export type ProfilesFor = (scope: TransactionScope) => OperationProfiles;

/** The OperationContext of one running operation; its use of the Profiles System is set up on first use. */
export class RunningOperation implements OperationContext {
  readonly cache = new Map<unknown, unknown>();
  configuration: unknown = undefined;
  private operationProfiles: OperationProfiles | undefined;

  constructor(
    readonly operation: CommerceOperation<object>,
    readonly operationIndex: number,
    readonly handler: string,
    public response: CommerceOperationResponse,
    readonly requestContext: RequestContext,
    private readonly scope: TransactionScope,
    private readonly profilesFor: ProfilesFor,
    private readonly log: OperationLog,
  ) {}

  get logger(): Logger {
    return this.log.logger;
  }

  get profiles(): ProfileContext {
    return this.profilesOfOperation().context;
  }

  get writtenProfiles(): WrittenProfiles {
    return this.profilesOfOperation().written;
  }

  get<T>(slot: OperationSlot<T>): T | undefined {
    return this.cache.get(slot) as T | undefined;
  }

  require<T>(slot: OperationSlot<T>): T {
    if (!this.cache.has(slot)) throw new EmptySlotError(slot, this.handler);
    return this.cache.get(slot) as T;
  }

  set<T>(slot: OperationSlot<T>, value: T): void {
    this.cache.set(slot, value);
  }

  /** The operation's Profiles System; refused, with the scope, once the operation timed out. */
  private profilesOfOperation(): OperationProfiles {
    this.scope.assertUsable();
    this.operationProfiles ??= this.profilesFor(this.scope);
    return this.operationProfiles;
  }

  transaction(): Promise<Knex> {
    return this.scope.connection();
  }

  onCommit(hook: () => void): void {
    this.scope.onCommit(hook);
  }

  onRollback(hook: () => void): void {
    this.scope.onRollback(hook);
  }
}
