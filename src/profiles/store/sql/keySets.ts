import type { Dialect } from '../../../storage/dialects/Dialect.js';
import type { BoundSql } from '../../../storage/dialects/sqlText.js';
import type { CompiledDefinition, CompiledProperty, KeyValue } from '../../definitions/CompiledDefinition.js';

/** Keys found through a reference: the values of `property` in the `from` profiles whose `by` is one of `keys`. */
export interface KeySource {
  readonly from: CompiledDefinition;
  readonly property: CompiledProperty;
  readonly by: CompiledProperty;
  readonly keys: readonly KeyValue[];
}

/** A set of primary keys: given ones, and ones found through references, in SQL. */
export interface KeySet {
  readonly keys: readonly KeyValue[];
  readonly via?: readonly KeySource[];
}

/**
 * `column IN (…)` for the given keys, and one `column IN (SELECT …)` per source: separate clauses for separate
 * UNION branches rather than one OR, so that each is an index lookup and a locking read never scans a table.
 */
export function inClauses(sql: Dialect, column: string, set: KeySet): BoundSql[] {
  const { id } = sql;
  const clauses: BoundSql[] = [];
  if (set.keys.length) {
    const keys = sql.keysIn(set.keys);
    clauses.push({ sql: `${column} ${keys.sql}`, bindings: keys.bindings });
  }
  for (const { from, property, by, keys } of set.via ?? []) {
    if (keys.length === 0) continue;
    const list = sql.in(keys);
    const owners = by === from.primary ? list.sql : `IN (SELECT ${id(from.primary.column)} FROM ${id(from.table)} WHERE ${id(by.column)} ${list.sql})`;
    const select = property.multiValued
      ? `SELECT item_key FROM ${id(property.linkTable ?? '')} WHERE owner_key ${owners}`
      : `SELECT ${id(property.column)} FROM ${id(from.table)} WHERE ${id(by.column)} ${list.sql}`;
    clauses.push({ sql: `${column} IN (${select})`, bindings: list.bindings });
  }
  return clauses;
}

/** The values `inClauses` binds for `set`, in its order, without building its text. */
export function inBindings(sql: Dialect, set: KeySet): unknown[] {
  const bindings: unknown[] = [];
  if (set.keys.length) bindings.push(...sql.keysIn(set.keys).bindings);
  for (const { keys } of set.via ?? []) if (keys.length) bindings.push(...sql.in(keys).bindings);
  return bindings;
}

/** Sets larger than this get their statement's text built anew rather than kept (a text per key count would pile up). */
const largestKeptSet = 64;

/**
 * What the text of `inClauses` depends on for `set` (the dialects write one placeholder per key on MariaDB): the
 * source definitions and properties, and how many keys of each; undefined for a set too large to keep a text for.
 */
export function setShape(set: KeySet): string | undefined {
  if (set.keys.length > largestKeptSet) return undefined;
  let shape = String(set.keys.length);
  for (const { from, property, by, keys } of set.via ?? []) {
    if (keys.length > largestKeptSet) return undefined;
    shape += `\u0001${from.name}\u0001${property.name}\u0001${by.name}\u0001${String(keys.length)}`;
  }
  return shape;
}
