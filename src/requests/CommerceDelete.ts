import type { CommerceEntity } from './CommerceEntity.js';
import { CommerceOperation } from './CommerceOperation.js';
import { newModelSearch, type CommerceModelSearch } from './CommerceModelSearch.js';
import { searchCriteriaJson } from './searchCriteriaJson.js';

export class CommerceDelete<T extends object = CommerceEntity> extends CommerceOperation<T> {
  readonly operation = 'CommerceDelete' as const;
  searchCriteria: CommerceModelSearch<T> = newModelSearch<T>();

  protected jsonFields(): Record<string, unknown> {
    return { searchCriteria: searchCriteriaJson(this.searchCriteria) };
  }
}
