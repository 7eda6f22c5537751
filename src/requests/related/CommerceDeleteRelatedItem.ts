import type { CommerceEntity } from '../CommerceEntity.js';
import { newModelSearch, type CommerceModelSearch } from '../CommerceModelSearch.js';
import { searchCriteriaJson } from '../searchCriteriaJson.js';
import { CommerceRelatedOperation } from './CommerceRelatedOperation.js';

/** Removes the item named by `searchCriteria.model.id` from this parent; deletes it when no other parent uses it. */
export class CommerceDeleteRelatedItem<T extends object = CommerceEntity> extends CommerceRelatedOperation<T> {
  readonly operation = 'CommerceDeleteRelatedItem' as const;
  searchCriteria: CommerceModelSearch<T> = newModelSearch<T>();

  protected jsonFields(): Record<string, unknown> {
    return { searchCriteria: searchCriteriaJson(this.searchCriteria) };
  }
}
