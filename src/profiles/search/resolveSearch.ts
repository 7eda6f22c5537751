import type { ValidationError } from '../../faults/ValidationFault.js';
import type { SortProperty } from '../../requests/CommerceModelSearch.js';
import type { SearchFilter } from '../../requests/SearchFilter.js';
import type { CompiledProperty } from '../definitions/CompiledDefinition.js';
import type { ResolvedSearch, ResolvedSort } from './ProfileSearch.js';
import { resolveFilter, type FilterProperty } from './resolveFilter.js';

/** What a search gives, in the caller's names, and where in its request each part is (for the errors' paths). */
export interface SearchParts {
  readonly filter?: SearchFilter | undefined;
  readonly filterPath: string;
  readonly sort?: readonly SortProperty[] | undefined;
  readonly sortPath: string;
  readonly offset?: number | undefined;
  readonly limit?: number | undefined;
  readonly count?: boolean | undefined;
}

/** How the caller's names resolve: to a property a filter may compare, and to one a search may sort by. */
export interface SearchNames {
  readonly filterProperty: (name: string) => FilterProperty;
  readonly sortProperty: (name: string) => CompiledProperty | string;
}

/** A search checked and resolved against a definition's properties, or every problem it has, each naming its path. */
export function resolveSearch(parts: SearchParts, names: SearchNames): { search?: ResolvedSearch; errors: ValidationError[] } {
  const errors: ValidationError[] = [];
  const filter = parts.filter === undefined ? undefined : resolveFilter(parts.filter, parts.filterPath, names.filterProperty);
  if (filter) errors.push(...filter.errors);
  const sort: ResolvedSort[] = [];
  parts.sort?.forEach((s, i) => {
    const property = names.sortProperty(s.property);
    if (typeof property === 'string') errors.push({ property: `${parts.sortPath}[${i}].property`, errorMessage: property });
    else sort.push({ property, descending: s.sortDirection === 'Descending' });
  });
  if (errors.length) return { errors };
  return { search: { filter: filter?.filter, sort, offset: parts.offset ?? 0, limit: parts.limit, count: parts.count ?? false }, errors };
}
