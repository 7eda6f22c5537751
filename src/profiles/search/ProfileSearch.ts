import type { SearchFilter } from '../../requests/SearchFilter.js';
import type { SortProperty } from '../../requests/CommerceModelSearch.js';
import type { FilterOperator } from '../../requests/SearchFilter.js';
import type { CompiledDefinition, CompiledProperty, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import type { Profile } from '../runtime/Profile.js';

/**
 * A search of the Profiles System (`profileManagement.searchProfiles`): a filter on profile properties
 * (`GeneralInfo.last_name`), their order, a page, and whether to count every match.
 */
export interface ProfileSearchOptions {
  readonly filter?: SearchFilter | undefined;
  readonly sort?: readonly SortProperty[] | undefined;
  /** 0-based index of the first profile to return. */
  readonly offset?: number | undefined;
  /** Absent: every profile from `offset` on. */
  readonly limit?: number | undefined;
  /** Also count every profile the filter matches, before paging. */
  readonly count?: boolean | undefined;
}

export interface ProfileSearchResult {
  readonly profiles: Profile[];
  /** With `count`: every match, before paging. */
  readonly totalCount?: number;
}

/** A filter checked against a definition: its properties resolved, its values in stored form. */
export type ResolvedFilter<P = CompiledProperty> =
  | { readonly kind: 'condition'; readonly property: P; readonly op: FilterOperator; readonly values: readonly ProfileValue[] }
  | { readonly kind: 'all' | 'any'; readonly parts: readonly ResolvedFilter<P>[] }
  | { readonly kind: 'not'; readonly part: ResolvedFilter<P> };

export interface ResolvedSort {
  readonly property: CompiledProperty;
  readonly descending: boolean;
}

/** A search ready for SQL: every name resolved from the definition, every value checked. */
export interface ResolvedSearch {
  readonly filter: ResolvedFilter | undefined;
  readonly sort: readonly ResolvedSort[];
  readonly offset: number;
  readonly limit: number | undefined;
  readonly count: boolean;
}

/** What a search orders by: its sort properties, then the primary key unless they name it. */
export function sortTerms(search: Pick<ResolvedSearch, 'sort'>, definition: CompiledDefinition): ResolvedSort[] {
  const terms = [...search.sort];
  if (!terms.some((s) => s.property === definition.primary)) terms.push({ property: definition.primary, descending: false });
  return terms;
}

/** A record with the values it sorts by, as the database orders them (see Dialect.textSortKey). */
export interface SortedRecord {
  readonly record: ProfileRecord;
  readonly sortKeys: readonly unknown[];
}
