/** A piece of SQL text and the values bound to its placeholders. */
export interface BoundSql {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

/** SQLite binds at most this many values in a statement (SQLITE_MAX_VARIABLE_NUMBER); MySQL/MariaDB packets stay bounded too. */
const maxBindings = 32766;

export function placeholders(count: number): string {
  return count === 1 ? '?' : `?${', ?'.repeat(count - 1)}`;
}

/** Items in batches that bind at most `maxBindings` values, `bindingsEach` per item: a statement per batch. */
export function batches<T>(items: readonly T[], bindingsEach: number): T[][] {
  const size = Math.max(1, Math.floor(maxBindings / bindingsEach));
  // A loop, not Array.from({ length }, …): V8 takes that through its generic path, about half a microsecond a call
  // here, and a Create batches each table it writes.
  const all: T[][] = [];
  for (let start = 0; start < items.length; start += size) all.push(items.slice(start, start + size));
  return all;
}

/** A LIKE pattern matching `text` literally, at the start or anywhere, with `escape` before each %, _ and itself. */
export function likePattern(text: string, where: 'start' | 'anywhere', escape: string): string {
  const literal = text.replace(/[%_\\]/g, (c) => `${escape}${c}`);
  return where === 'start' ? `${literal}%` : `%${literal}%`;
}
