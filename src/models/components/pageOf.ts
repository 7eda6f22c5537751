import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';

type Entity = Record<string, unknown>;

/** A sort property names request text: only the entity's own properties count. */
const valueOf = (entity: Entity, property: string): unknown => (Object.hasOwn(entity, property) ? entity[property] : undefined);

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Sorts and pages entities as search criteria ask; `total` is the count before paging. */
export function pageOf<E extends Entity>(entities: readonly E[], search: CommerceModelSearch<object> | undefined): { items: E[]; total: number } {
  const sorted = [...entities];
  const sorts = search?.sortProperties ?? [];
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
