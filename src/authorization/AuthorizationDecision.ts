import type { OperationName } from '../requests/CommerceOperation.js';

/** Whether an operation is allowed, and by or against which rule. */
export interface AuthorizationDecision {
  readonly allowed: boolean;
  /** The rule that allows it, or the first rule whose scope refused it: its index in `rules`. */
  readonly rule?: number;
  /** Why, in words that name models, properties and roles, never a value. */
  readonly reason: string;
}

/** One operation's answer from `foundation.authorizeRequest`. */
export interface OperationAuthorization extends AuthorizationDecision {
  readonly operationIndex: number;
  readonly operation: OperationName;
  readonly modelName: string;
}

/** What `foundation.authorizeRequest` answers: per operation, whether it would be allowed. */
export interface AuthorizationResponse {
  /** True when every operation would be allowed. */
  readonly allowed: boolean;
  readonly operations: readonly OperationAuthorization[];
}
