import type { Knex } from 'knex';
import type { ProfileContext } from '../profiles/runtime/ProfileContext.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { RequestContext } from '../requests/RequestContext.js';
import type { OperationContext } from './OperationContext.js';
import type { TransactionScope } from './TransactionScope.js';

export type ProfilesFor = (scope: TransactionScope) => ProfileContext;

/** The OperationContext of one running operation; its ProfileContext is made on first use. */
export class RunningOperation implements OperationContext {
  readonly cache = new Map<unknown, unknown>();
  configuration: unknown = undefined;
  private profileContext: ProfileContext | undefined;

  constructor(
    readonly operation: CommerceOperation<any>,
    readonly operationIndex: number,
    readonly handler: string,
    public response: never,
    readonly requestContext: RequestContext,
    private readonly scope: TransactionScope,
    private readonly profilesFor: ProfilesFor,
  ) {}

  get profiles(): ProfileContext {
    this.profileContext ??= this.profilesFor(this.scope);
    return this.profileContext;
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
