import type { CommerceOperation } from '../../requests/CommerceOperation.js';
import { CommerceQueryRelatedItem } from '../../requests/related/CommerceQueryRelatedItem.js';

/**
 * The related queries a response answers: those the operation holds and, in a Create, one more for each
 * relationship that its CommerceCreateRelatedItem operations name and no query does, so that the new entity carries
 * the items it was created with (new ones with the ids they were given).
 */
export function relatedQueriesOf(operation: CommerceOperation<object>): CommerceQueryRelatedItem[] {
  const asked = operation.relatedOperations.filter((op): op is CommerceQueryRelatedItem => op.operation === 'CommerceQueryRelatedItem');
  if (operation.operation !== 'CommerceCreate') return asked;
  const named = new Set(asked.map((query) => query.relationshipName));
  const created = operation.relatedOperations.filter((op) => op.operation === 'CommerceCreateRelatedItem').map((op) => op.relationshipName);
  return [...asked, ...[...new Set(created)].filter((name) => !named.has(name)).map((name) => new CommerceQueryRelatedItem(name))];
}

/**
 * Whether the database sorts and pages a related query's list (RelatedItemsResponseBuilder), so that the items need
 * not be read whole first: a list whose query sorts or pages, in any operation but a Delete (whose items are gone).
 */
export function pagedInStore(operation: CommerceOperation<object>, query: Pick<CommerceQueryRelatedItem<object>, 'searchCriteria'>, many: boolean): boolean {
  const search = query.searchCriteria;
  const shaped = search.sortProperties.length > 0 || search.firstItemIndex !== undefined || search.numberOfItemsToReturn !== undefined;
  return many && shaped && operation.operation !== 'CommerceDelete';
}
