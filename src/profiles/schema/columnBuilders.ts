import type { Knex } from 'knex';
import type { CompiledProperty } from '../definitions/CompiledDefinition.js';
import type { DialectName } from '../../storage/Dialect.js';

const longText = 1024;

/** Key values compare byte for byte on both databases, as they do in the cache. */
export function keyColumn(
  table: Knex.CreateTableBuilder,
  dialect: DialectName,
  column: string,
  like: CompiledProperty,
): Knex.ColumnBuilder {
  if (like.type === 'number') return table.double(column);
  const built = table.string(column, like.maxLength ?? 255);
  return dialect === 'mysql' ? built.collate('utf8mb4_bin') : built;
}

/** The column that stores one property; `referenced` is the primary key a reference holds. */
export function propertyColumn(
  table: Knex.CreateTableBuilder,
  dialect: DialectName,
  property: CompiledProperty,
  referenced: CompiledProperty | undefined,
): Knex.ColumnBuilder {
  const { column } = property;
  switch (property.type) {
    case 'string':
      if (property.isKey) return keyColumn(table, dialect, column, property);
      return (property.maxLength ?? 255) > longText ? table.text(column) : table.string(column, property.maxLength);
    case 'number':
      return table.double(column);
    case 'boolean':
      return table.boolean(column);
    case 'datetime':
      return table.datetime(column, { precision: 3 });
    case 'profile':
      if (!referenced) throw new Error(`${property.name} references no definition`);
      return keyColumn(table, dialect, column, referenced);
  }
}
