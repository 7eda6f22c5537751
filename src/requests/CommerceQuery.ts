import type { CommerceEntity } from './CommerceEntity.js';
import { CommerceOperation } from './CommerceOperation.js';
import { newModelSearch, type CommerceModelSearch } from './CommerceModelSearch.js';
import { searchCriteriaJson } from './searchCriteriaJson.js';

export class CommerceQuery<T extends object = CommerceEntity> extends CommerceOperation<T> {
  readonly operation = 'CommerceQuery' as const;
  searchCriteria: CommerceModelSearch<T> = newModelSearch<T>();
  /** Empty or absent: all properties. */
  propertiesToReturn?: string[];

  protected jsonFields(): Record<string, unknown> {
    return { searchCriteria: searchCriteriaJson(this.searchCriteria), propertiesToReturn: this.propertiesToReturn };
  }
}
