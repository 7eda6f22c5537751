import type { Knex } from 'knex';
import type { Logger } from '../logging/Logger.js';
import type { ProfileContext } from '../profiles/runtime/ProfileContext.js';
import type { WrittenProfiles } from '../profiles/runtime/ProfileWriteLog.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { RequestContext } from '../requests/RequestContext.js';
import type { OperationResponseOf } from '../responses/CommerceResponse.js';
import type { OperationSlot } from './OperationSlot.js';

/** What every component of one operation's sequence shares. */
export interface OperationContext<O extends CommerceOperation<object> = CommerceOperation<object>, C = unknown> {
  readonly operation: O;
  /** The operation's place in its request. */
  readonly operationIndex: number;
  readonly handler: string;
  /** Shared by the components of this operation only: a plain map for a component's own use. Prefer slots. */
  readonly cache: Map<unknown, unknown>;
  /** What an earlier step of this operation left in `slot`, if anything. */
  get<T>(slot: OperationSlot<T>): T | undefined;
  /** What an earlier step left in `slot`; throws, naming the slot, when none did. */
  require<T>(slot: OperationSlot<T>): T;
  /** Leaves `value` in `slot` for the later steps of this operation. */
  set<T>(slot: OperationSlot<T>, value: T): void;
  /** The operation response being built. */
  response: OperationResponseOf<O>;
  readonly requestContext: RequestContext;
  /** The running step's `configuration`, as its component's schema parsed it (the pipeline sets it for each step). */
  readonly configuration: C;
  /** The Profiles System inside this operation's transaction: what it loads or writes reaches the cache only on commit. */
  readonly profiles: ProfileContext;
  /**
   * What this operation has written through `profiles` so far, by profile type and primary key: the profiles
   * created, updated and deleted (a delete that found nothing is no deletion). Read-only.
   */
  readonly writtenProfiles: WrittenProfiles;
  /** The operation's open transaction for SQL, begun on first call; the plain knex in a non-transactional sequence. */
  transaction(): Promise<Knex>;
  /** Runs once the operation's transaction has committed (at once after a non-transactional operation). */
  onCommit(hook: () => void): void;
  /** Runs when the operation fails and its transaction is rolled back. */
  onRollback(hook: () => void): void;
  /** The framework's logger for this operation: each line carries the request's `requestId` and this `handler`. */
  readonly logger: Logger;
}
