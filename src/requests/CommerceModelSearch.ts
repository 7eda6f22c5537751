import type { SearchFilter } from './SearchFilter.js';

export type SortDirection = 'Ascending' | 'Descending';

export interface SortProperty {
  property: string;
  sortDirection: SortDirection;
}

/** Search criteria: a model used as an example, with paging and sorting. */
export interface CommerceModelSearch<T> {
  model: Partial<T>;
  /** Conditions beyond the model's equalities, on searchable properties: see SearchFilter. */
  filter?: SearchFilter;
  /** 0-based index of the first item to return. */
  firstItemIndex?: number;
  /** Absent: all items. */
  numberOfItemsToReturn?: number;
  returnTotalItemCount?: boolean;
  sortProperties: SortProperty[];
}

export function newModelSearch<T>(): CommerceModelSearch<T> {
  return { model: {}, sortProperties: [] };
}
