import type { AuthorizationDecision, AuthorizationResponse } from '../authorization/AuthorizationDecision.js';
import type { Authorizer } from '../authorization/Authorizer.js';
import type { ProfileContext } from '../profiles/runtime/ProfileContext.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { RequestContext } from '../requests/RequestContext.js';

const unchecked: AuthorizationDecision = Object.freeze({ allowed: true, reason: 'there is no config/authorization.json: every operation is allowed' });

/**
 * Whether each operation would be allowed, decided as the Authorization step decides it (the same rules, the same
 * reasons), without running it: reads only what a scope needs, outside any operation's transaction, and locks nothing.
 */
export async function authorizeOperations(
  operations: readonly CommerceOperation<object>[],
  requestContext: RequestContext,
  authorizer: Authorizer | undefined,
  profiles: ProfileContext,
): Promise<AuthorizationResponse> {
  const answers = [];
  for (const [operationIndex, operation] of operations.entries()) {
    const decision = authorizer ? await authorizer.decide(operation, requestContext, profiles, false) : unchecked;
    answers.push({ operationIndex, operation: operation.operation, modelName: operation.modelName, ...decision });
  }
  return { allowed: answers.every((answer) => answer.allowed), operations: answers };
}
