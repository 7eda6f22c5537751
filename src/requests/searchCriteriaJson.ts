import type { CommerceModelSearch } from './CommerceModelSearch.js';
import { compactJson } from './compactJson.js';

export function searchCriteriaJson(search: CommerceModelSearch<unknown>): Record<string, unknown> {
  return compactJson({
    model: { ...search.model },
    filter: search.filter,
    firstItemIndex: search.firstItemIndex,
    numberOfItemsToReturn: search.numberOfItemsToReturn,
    returnTotalItemCount: search.returnTotalItemCount,
    sortProperties: search.sortProperties.map((s) => ({ ...s })),
  });
}
