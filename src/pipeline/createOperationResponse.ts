import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { CommerceOperationResponse } from '../responses/OperationResponses.js';

/** The empty response that an operation's components fill in. */
export function createOperationResponse(operation: CommerceOperation<object>): CommerceOperationResponse {
  switch (operation.operation) {
    case 'CommerceQuery':
    case 'CommerceUpdate':
      return { commerceEntities: [] };
    case 'CommerceCreate':
      return {};
    case 'CommerceDelete':
      return { count: 0, commerceEntities: [] };
  }
}
