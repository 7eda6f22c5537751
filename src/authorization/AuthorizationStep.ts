import { AuthorizationFault } from '../faults/AuthorizationFault.js';
import type { OperationContext } from '../sequences/OperationContext.js';
import type { SequenceComponent } from '../sequences/SequenceComponent.js';
import type { Authorizer } from './Authorizer.js';

/** The name sequence files (and `commerce sequences`) show for the step. */
export const authorizationStepName = 'Authorization';

/**
 * The first step of every sequence when config/authorization.json exists: refuses, with AuthorizationFault and a log
 * line at info naming the caller and the rule, what no rule allows, before any other step runs.
 */
export class AuthorizationStep implements SequenceComponent {
  constructor(private readonly authorizer: Authorizer) {}

  async execute(context: OperationContext): Promise<void> {
    const { operation, requestContext } = context;
    const decision = await this.authorizer.decide(operation, requestContext, context.profiles, operation.operation !== 'CommerceQuery');
    if (decision.allowed) return;
    // context.logger's lines carry the requestId and the handler already.
    context.logger.info(
      {
        operationIndex: context.operationIndex,
        userId: requestContext.userId,
        roles: requestContext.roles ?? [],
        ...(decision.rule === undefined ? {} : { rule: decision.rule }),
        reason: decision.reason,
      },
      'authorization denied',
    );
    throw new AuthorizationFault(`${operation.operation} on ${operation.modelName} is not allowed: ${decision.reason}`);
  }
}
