import type { CommerceOperation } from '../requests/CommerceOperation.js';

export const handlerNamePattern = /^Commerce(Create|Query|Update|Delete)Operation_[A-Za-z][A-Za-z0-9]{0,63}$/;

/** `CommerceDelete` of `UserProfile` → `CommerceDeleteOperation_UserProfile`. */
export function handlerNameOf(operation: Pick<CommerceOperation, 'operation' | 'modelName'>): string {
  return `${operation.operation}Operation_${operation.modelName}`;
}

/** `CommerceDeleteOperation_UserProfile` → `UserProfile`. */
export function modelNameOfHandler(handler: string): string {
  return handler.slice(handler.indexOf('_') + 1);
}
