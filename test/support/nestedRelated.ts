import { CommerceQueryRelatedItem, type CommerceOperation } from '../../src/index.js';

/** `operation` with its relatedOperations nested `depth` deep, each a query on Addresses; answers the operation. */
export function withNestedAddressQueries<O extends CommerceOperation<object>>(operation: O, depth: number): O {
  let level: { relatedOperations: unknown[] } = operation;
  for (let i = 0; i < depth; i++) {
    const next = new CommerceQueryRelatedItem('Addresses');
    level.relatedOperations.push(next);
    level = next;
  }
  return operation;
}
