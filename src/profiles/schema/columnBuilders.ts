import type { Knex } from 'knex';
import type { CompiledProperty } from '../definitions/CompiledDefinition.js';

const longText = 1024;

/**
 * Key values compare byte for byte, trailing spaces included, on both databases, as they do in the cache: on
 * MySQL/MariaDB in `keyCollation` (see Dialect.keyCollation); SQLite compares text that way already.
 */
export function keyColumn(
  table: Knex.CreateTableBuilder,
  keyCollation: string | undefined,
  column: string,
  like: Pick<CompiledProperty, 'type' | 'maxLength'>,
): Knex.ColumnBuilder {
  if (like.type === 'number') return table.double(column);
  const built = table.string(column, like.maxLength ?? 255);
  return keyCollation ? built.collate(keyCollation) : built;
}

/** The column that stores one property; `referenced` is the primary key a reference holds. */
export function propertyColumn(
  table: Knex.CreateTableBuilder,
  keyCollation: string | undefined,
  property: CompiledProperty,
  referenced: CompiledProperty | undefined,
): Knex.ColumnBuilder {
  const { column } = property;
  switch (property.type) {
    case 'string':
      if (property.isKey) return keyColumn(table, keyCollation, column, property);
      return (property.maxLength ?? 255) > longText ? table.text(column) : table.string(column, property.maxLength);
    case 'number':
      return table.double(column);
    case 'boolean':
      return table.boolean(column);
    case 'datetime':
      return table.datetime(column, { precision: 3 });
    case 'profile':
      if (!referenced) throw new Error(`${property.name} references no definition`);
      return keyColumn(table, keyCollation, column, referenced);
  }
}
