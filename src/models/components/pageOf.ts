import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';

type Entity = Record<string, unknown>;
/** What a sort property (one of the model's own) holds: text, a number, a boolean or a list of keys. */
type SortValue = string | number | boolean | readonly (string | number)[] | null | undefined;

/** A sort property names request text: only the entity's own properties count. */
const valueOf = (entity: Entity, property: string): SortValue => (Object.hasOwn(entity, property) ? (entity[property] as SortValue) : undefined);

function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Sorts and pages entities as search criteria ask; `total` is the count before paging. */
export function pageOf<E extends Entity>(entities: readonly E[], search: CommerceModelSearch<object> | undefined): { items: E[]; total: number } {
  const sorts = search?.sortProperties ?? [];
  // Neither sorted nor paged (the common related query): the entities as they are, in a list of the answer's own.
  if (sorts.length === 0 && !search?.firstItemIndex && search?.numberOfItemsToReturn === undefined) return { items: entities.slice(), total: entities.length };
  const sorted = [...entities];
  if (sorts.length) {
    sorted.sort((x, y) => {
      for (const { property, sortDirection } of sorts) {
        const order = compare(valueOf(x, property), valueOf(y, property));
        if (order !== 0) return sortDirection === 'Descending' ? -order : order;
      }
      return 0;
    });
  }
  const start = search?.firstItemIndex ?? 0;
  const end = search?.numberOfItemsToReturn === undefined ? undefined : start + search.numberOfItemsToReturn;
  return { items: sorted.slice(start, end), total: entities.length };
}
