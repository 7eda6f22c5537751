import type { CommerceEntity, WritableValues } from '../CommerceEntity.js';
import { newModelSearch, type CommerceModelSearch } from '../CommerceModelSearch.js';
import { searchCriteriaJson } from '../searchCriteriaJson.js';
import { CommerceRelatedOperation } from './CommerceRelatedOperation.js';

/** Changes the related item named by `searchCriteria.model.id` to the values of `model`. */
export class CommerceUpdateRelatedItem<T extends object = CommerceEntity> extends CommerceRelatedOperation<T> {
  readonly operation = 'CommerceUpdateRelatedItem' as const;
  searchCriteria: CommerceModelSearch<T> = newModelSearch<T>();
  model: WritableValues<T> = {};

  protected jsonFields(): Record<string, unknown> {
    return { searchCriteria: searchCriteriaJson(this.searchCriteria), model: { ...this.model } };
  }
}
