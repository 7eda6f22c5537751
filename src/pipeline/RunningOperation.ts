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
import type { ResolvedSequence, SequenceStep } from '../sequences/ResolvedSequence.js';
import { TransactionScope } from '../storage/TransactionScope.js';

export type ProfilesFor = (scope: TransactionScope, stepNow: () => string | undefined) => OperationProfiles;

/**
 * The OperationContext of one running operation. What most operations of a sequence that does no work of its own
 * never use is made on first use: the slots' map, the transaction scope (so an operation whose components ask for no
 * transaction, profiles or hook pays for none), and the use of the Profiles System.
 */
export class RunningOperation implements OperationContext {
  /** The step of the sequence running now: runSequence sets it before each step. */
  step: SequenceStep | undefined = undefined;
  private slots: Map<unknown, unknown> | undefined;
  private made: TransactionScope | undefined;
  /** Set once the operation timed out: every later use of its scope fails with this (see abandon). */
  private refusal: Error | undefined;
  private operationProfiles: OperationProfiles | undefined;

  constructor(
    readonly operation: CommerceOperation<object>,
    readonly operationIndex: number,
    private readonly sequence: ResolvedSequence,
    public response: CommerceOperationResponse,
    readonly requestContext: RequestContext,
    private readonly knex: Knex,
    private readonly profilesFor: ProfilesFor,
    private readonly log: OperationLog,
  ) {}

  /** The running step's configuration. */
  get configuration(): unknown {
    return this.step?.configuration;
  }

  get handler(): string {
    return this.sequence.handler;
  }

  get cache(): Map<unknown, unknown> {
    this.slots ??= new Map();
    return this.slots;
  }

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
    return this.slots?.get(slot) as T | undefined;
  }

  require<T>(slot: OperationSlot<T>): T {
    if (!this.slots?.has(slot)) throw new EmptySlotError(slot, this.handler);
    return this.slots.get(slot) as T;
  }

  set<T>(slot: OperationSlot<T>, value: T): void {
    this.cache.set(slot, value);
  }

  /** The operation's transaction scope, made now if need be; refused once the operation timed out. */
  private scope(): TransactionScope {
    if (this.refusal) throw this.refusal;
    this.made ??= new TransactionScope(this.knex, {
      transactional: this.sequence.transactional,
      isolationLevel: this.sequence.isolationLevel,
      writes: this.operation.operation !== 'CommerceQuery',
    });
    return this.made;
  }

  /** The operation's Profiles System; refused, with the scope, once the operation timed out. */
  private profilesOfOperation(): OperationProfiles {
    const scope = this.scope();
    scope.assertUsable();
    // The running step's name, for the writes it queues (ProfileSession.step).
    this.operationProfiles ??= this.profilesFor(scope, () => this.step?.name);
    return this.operationProfiles;
  }

  transaction(): Promise<Knex> {
    try {
      return this.scope().connection();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  // Once the operation timed out, a hook is never run (its scope neither commits nor rolls back again): none is kept.
  onCommit(hook: () => void): void {
    if (!this.refusal) this.scope().onCommit(hook);
  }

  onRollback(hook: () => void): void {
    if (!this.refusal) this.scope().onRollback(hook);
  }

  /** Commits the scope (see TransactionScope.commit); with no scope made, there is nothing to commit or to run. */
  commit(): Promise<void> | undefined {
    return this.made?.commit();
  }

  /** Rolls the scope back, if one was made (see TransactionScope.rollback). */
  async rollback(): Promise<void> {
    if (this.made) await this.made.rollback();
  }

  /** Abandons the scope of an operation that timed out (see TransactionScope.abandon); one made later is refused too. */
  async abandon(reason: Error): Promise<void> {
    this.refusal = reason;
    if (this.made) await this.made.abandon(reason);
  }
}
