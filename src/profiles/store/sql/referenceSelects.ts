import type { Dialect, LockedSelect } from '../../../storage/dialects/Dialect.js';
import type { BoundSql } from '../../../storage/dialects/sqlText.js';
import type { CompiledDefinition, KeyValue } from '../../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../../definitions/DefinitionSet.js';
import { inClauses, type KeySet } from './keySets.js';
import { flatMap } from '../../../util/flatMap.js';

/** Referencing definition name → the profiles of it whose references do not count. */
export type Exclusions = ReadonlyMap<string, readonly KeyValue[]>;

/** The properties of `definition` that reference profiles; an `outgoing` row's `property` is an index into them. */
export const referenceProperties = (definition: CompiledDefinition) => definition.properties.filter((p) => p.references);

/**
 * Selects of (part, ref, owner_key, item_key): every stored reference to the profiles of `set`, `ref` being the
 * index of the reference in `definitions.referencing(target.name)`.
 */
export function incomingSelects(sql: Dialect, definitions: DefinitionSet, part: number, target: CompiledDefinition, set: KeySet, lock: LockedSelect['lock']): LockedSelect[] {
  const { id } = sql;
  return flatMap(definitions.referencing(target.name), ({ from, property }, ref) => {
    const [select, column] = property.multiValued
      ? [`SELECT ${part} AS part, ${ref} AS ref, owner_key, item_key FROM ${id(property.linkTable ?? '')} WHERE `, 'item_key']
      : [`SELECT ${part} AS part, ${ref} AS ref, ${id(from.primary.column)} AS owner_key, ${id(property.column)} AS item_key FROM ${id(from.table)} WHERE `, id(property.column)];
    return inClauses(sql, column, set).map((c) => ({ sql: select + c.sql, bindings: c.bindings, lock }));
  });
}

/**
 * One EXISTS probe per referencing property for the profile whose key is `pk` (an SQL expression): does anything
 * outside `excluded` refer to it? First row only, shared-locked, so that a widely shared item costs one index
 * probe, not a read of everyone who uses it.
 */
export function usageProbes(sql: Dialect, definitions: DefinitionSet, target: CompiledDefinition, pk: string, excluded: Exclusions): { probes: string[]; bindings: unknown[] } {
  const { id } = sql;
  const share = sql.lockClause('share');
  const bindings: unknown[] = [];
  const probes = definitions.referencing(target.name).map(({ from, property }) => {
    const others = excluded.get(from.name) ?? [];
    const list = others.length ? sql.in(others) : undefined;
    const notOthers = (column: string) => (list ? ` AND ${column} NOT ${list.sql}` : '');
    bindings.push(...(list?.bindings ?? []));
    const probe = property.multiValued
      ? `SELECT 1 FROM ${id(property.linkTable ?? '')} r WHERE r.item_key = ${pk}${notOthers('r.owner_key')}`
      : `SELECT 1 FROM ${id(from.table)} r WHERE r.${id(property.column)} = ${pk}${notOthers(`r.${id(from.primary.column)}`)}`;
    return `EXISTS (${probe}${share})`;
  });
  return { probes, bindings };
}

/**
 * The select of (part, kind 'item', owner_key, used) locking the profiles of one clause (FOR UPDATE) and telling,
 * for each, whether anything outside `excluded` refers to it.
 */
export function itemSelect(sql: Dialect, definitions: DefinitionSet, part: number, target: CompiledDefinition, clause: BoundSql, excluded: Exclusions): LockedSelect {
  const pk = `t.${sql.id(target.primary.column)}`;
  const { probes, bindings } = usageProbes(sql, definitions, target, pk, excluded);
  const used = probes.map((probe) => `CASE WHEN ${probe} THEN 1 ELSE 0 END`).join(' + ') || '0';
  return {
    sql: `SELECT ${part} AS part, 'item' AS kind, NULL AS property, ${pk} AS owner_key, NULL AS item_key, ${used} AS used FROM ${sql.id(target.table)} t WHERE ${clause.sql}`,
    bindings: [...bindings, ...clause.bindings],
    lock: 'update',
  };
}

/** Selects of (part, kind 'outgoing', property, owner_key, item_key): what the profiles of `set` reference, locked. */
export function outgoingSelects(sql: Dialect, part: number, target: CompiledDefinition, set: KeySet): LockedSelect[] {
  const { id } = sql;
  const pk = id(target.primary.column);
  const columns = (k: number) => `${part} AS part, 'outgoing' AS kind, ${k} AS property`;
  return flatMap(referenceProperties(target), (p, k): LockedSelect[] =>
    p.multiValued
      ? inClauses(sql, 'owner_key', set).map((c) => ({
          sql: `SELECT ${columns(k)}, owner_key, item_key, 0 AS used FROM ${id(p.linkTable ?? '')} WHERE ${c.sql}`,
          bindings: c.bindings,
          lock: 'share',
        }))
      : inClauses(sql, pk, set).map((c) => ({
          sql: `SELECT ${columns(k)}, ${pk} AS owner_key, ${id(p.column)} AS item_key, 0 AS used FROM ${id(target.table)} WHERE ${c.sql} AND ${id(p.column)} IS NOT NULL`,
          bindings: c.bindings,
          lock: 'update',
        })),
  );
}
