import type { CommerceEntity } from '../CommerceEntity.js';
import { newModelSearch, type CommerceModelSearch } from '../CommerceModelSearch.js';
import { searchCriteriaJson } from '../searchCriteriaJson.js';
import { CommerceRelatedOperation } from './CommerceRelatedOperation.js';

/** Asks for the related items in the response, with paging, sorting and a total count. */
export class CommerceQueryRelatedItem<T extends object = CommerceEntity> extends CommerceRelatedOperation<T> {
  readonly operation = 'CommerceQueryRelatedItem' as const;
  searchCriteria: CommerceModelSearch<T> = newModelSearch<T>();
  propertiesToReturn?: string[];

  protected jsonFields(): Record<string, unknown> {
    return { searchCriteria: searchCriteriaJson(this.searchCriteria), propertiesToReturn: this.propertiesToReturn };
  }
}
