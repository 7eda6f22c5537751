import type { Dialect } from '../../../storage/dialects/Dialect.js';
import type { CompiledDefinition, CompiledProperty } from '../../definitions/CompiledDefinition.js';

/**
 * The items of a link list for the row `t`, as a JSON array of [position, item] pairs (sorted in JS: an ORDER BY
 * inside the aggregate costs MariaDB a sort per row). Locked, the subquery takes shared locks on the link rows,
 * which also makes it read the latest committed rows rather than the transaction's snapshot.
 */
function listAggregate(sql: Dialect, definition: CompiledDefinition, list: CompiledProperty, locked: boolean): string {
  const { id, json } = sql;
  const where = `FROM ${id(list.linkTable ?? '')} l WHERE l.owner_key = t.${id(definition.primary.column)}`;
  return `(SELECT ${json.arrayAggregate}(${json.array}(l.position, l.item_key)) ${where}${locked ? sql.lockClause('share') : ''})`;
}

/** The columns of a profile row `t` and, one subquery each, its lists. */
export function selectList(sql: Dialect, definition: CompiledDefinition, locked: boolean): string {
  const { id } = sql;
  const columns = definition.columnProperties.map((p) => `t.${id(p.column)}`);
  const lists = definition.listProperties.map((p) => `${listAggregate(sql, definition, p, locked)} AS ${id(p.column)}`);
  return [...columns, ...lists].join(', ');
}

/**
 * The select list of a profile row `t` as one JSON array `profile`: its columns in the order of `columnProperties`,
 * then its lists in the order of `listProperties` (read back by position: an array of values parses faster than an
 * object repeating every column's name in every row).
 */
export function jsonRow(sql: Dialect, definition: CompiledDefinition): string {
  const { id } = sql;
  const fields = [...definition.columnProperties.map((p) => `t.${id(p.column)}`), ...definition.listProperties.map((p) => listAggregate(sql, definition, p, false))];
  return `${sql.json.array}(${fields.join(', ')}) AS profile`;
}
