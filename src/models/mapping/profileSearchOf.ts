import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';
import type { FilterCondition, FilterValue, SearchFilter } from '../../requests/SearchFilter.js';
import type { ProfileSearchOptions } from '../../profiles/search/ProfileSearch.js';
import { mappedProperty, type EntityValues, type ModelMapping } from './ModelMapping.js';

/** The entity properties a search model gives a value for. */
export function givenProperties(model: EntityValues): string[] {
  return Object.keys(model).filter((key) => key !== 'modelName' && model[key] !== undefined);
}

/** A search that names one entity by one key, by equality: it reads through the cache, as seed 002's lookups do. */
export function isKeyLookup(mapping: ModelMapping, search: CommerceModelSearch<EntityValues>): boolean {
  const given = givenProperties(search.model);
  return search.filter === undefined && given.length === 1 && mappedProperty(mapping, given[0] ?? '')?.key === true;
}

function profileFilter(mapping: ModelMapping, filter: SearchFilter): SearchFilter {
  if ('all' in filter) return { all: filter.all.map((f) => profileFilter(mapping, f)) };
  if ('any' in filter) return { any: filter.any.map((f) => profileFilter(mapping, f)) };
  if ('not' in filter) return { not: profileFilter(mapping, filter.not) };
  return { ...filter, property: mappedProperty(mapping, filter.property)?.profile ?? filter.property };
}

/**
 * An entity search (already checked against the model) as a search of its profiles: the model's values as
 * equalities, beside the filter; every name the profile property it is stored in.
 */
export function profileSearchOf(mapping: ModelMapping, search: CommerceModelSearch<EntityValues>): ProfileSearchOptions {
  const equalities: FilterCondition[] = givenProperties(search.model).map((name) => ({
    property: mappedProperty(mapping, name)?.profile ?? name,
    op: 'eq',
    value: search.model[name] as FilterValue,
  }));
  const filters = [...equalities, ...(search.filter ? [profileFilter(mapping, search.filter)] : [])];
  return {
    filter: filters.length === 0 ? undefined : filters.length === 1 ? filters[0] : { all: filters },
    sort: search.sortProperties.map((s) => ({ property: mappedProperty(mapping, s.property)?.profile ?? s.property, sortDirection: s.sortDirection })),
    offset: search.firstItemIndex,
    limit: search.numberOfItemsToReturn,
    count: search.returnTotalItemCount,
  };
}
