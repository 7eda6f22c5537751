import type { CompiledDefinition } from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import { sortTerms, type ResolvedSearch, type SortedRecord } from './ProfileSearch.js';
import { flatMap } from '../../util/flatMap.js';

/** Compares two sort keys as the databases order them: no value first, then bytes, numbers or times. */
function compareKeys(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const bytes = (v: unknown) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8'));
  return Buffer.compare(bytes(a), bytes(b));
}

/**
 * The page of a search over several databases, from each one's first offset + limit profiles in order: merged in
 * that order (the primary key last, so no two profiles tie), then paged.
 */
export function mergePages(shares: readonly (readonly SortedRecord[])[], definition: CompiledDefinition, search: ResolvedSearch): ProfileRecord[] {
  const terms = sortTerms(search, definition);
  const merged = flatMap(shares, (share) => share).sort((x, y) => {
    for (const [i, term] of terms.entries()) {
      const order = compareKeys(x.sortKeys[i], y.sortKeys[i]);
      if (order !== 0) return term.descending ? -order : order;
    }
    return 0;
  });
  const end = search.limit === undefined ? undefined : search.offset + search.limit;
  return merged.slice(search.offset, end).map((sorted) => sorted.record);
}
