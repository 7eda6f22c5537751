import type { CommerceEntity, WritableValues } from './CommerceEntity.js';
import { CommerceOperation } from './CommerceOperation.js';
import { newModelSearch, type CommerceModelSearch } from './CommerceModelSearch.js';
import { searchCriteriaJson } from './searchCriteriaJson.js';

export class CommerceUpdate<T extends object = CommerceEntity> extends CommerceOperation<T> {
  readonly operation = 'CommerceUpdate' as const;
  searchCriteria: CommerceModelSearch<T> = newModelSearch<T>();
  /** The values to write. */
  model: WritableValues<T> = {};

  protected jsonFields(): Record<string, unknown> {
    return { searchCriteria: searchCriteriaJson(this.searchCriteria), model: { ...this.model } };
  }
}
