import type { CompiledProperty, KeyValue, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { DialectName } from '../../storage/Dialect.js';

/** A property value as the driver binds it: booleans as 0/1, datetimes as Date (MySQL) or ISO text (SQLite). */
export function toColumnValue(dialect: DialectName, property: CompiledProperty, value: ProfileValue | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (property.type === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return dialect === 'mysql' ? value : value.toISOString();
  return value;
}

export function fromColumnValue(property: CompiledProperty, raw: unknown): ProfileValue {
  if (raw === null || raw === undefined) return null;
  switch (property.type) {
    case 'boolean':
      return Boolean(Number(raw));
    case 'datetime':
      return raw instanceof Date ? raw : new Date(String(raw));
    case 'number':
      return Number(raw);
    default:
      return raw as string | number;
  }
}

/** A link list aggregated as JSON text (`["a1","a2"]`), or null when the list is empty. */
export function fromListValue(raw: unknown): KeyValue[] {
  return raw === null || raw === undefined ? [] : (JSON.parse(String(raw)) as KeyValue[]);
}
