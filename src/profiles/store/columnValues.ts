import type { CompiledProperty, KeyValue, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { Dialect } from '../../storage/dialects/Dialect.js';

/** A property value as the driver binds it: booleans as 0/1, datetimes as the dialect binds them. */
export function toColumnValue(dialect: Dialect, property: CompiledProperty, value: ProfileValue | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (property.type === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return dialect.dateValue(value);
  return value;
}

/** MySQL writes a DATETIME inside JSON as `2026-11-21 10:00:00.000`: stored as UTC, so read as UTC. */
function asUtc(text: string): string {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
}

export function fromColumnValue(property: CompiledProperty, raw: unknown): ProfileValue {
  if (raw === null || raw === undefined) return null;
  switch (property.type) {
    case 'boolean':
      return Boolean(Number(raw));
    case 'datetime':
      // A Date from a row of its own; text from a JSON row (and from SQLite, where datetimes are ISO text).
      return raw instanceof Date ? raw : new Date(asUtc(raw as string));
    case 'number':
      return Number(raw);
    default:
      return raw as string | number;
  }
}

/** A link list aggregated as [position, item] pairs (JSON text, or parsed by the driver), or null when empty. */
export function fromListValue(raw: unknown): KeyValue[] {
  if (raw === null || raw === undefined) return [];
  const pairs = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [number, KeyValue][];
  return pairs.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
}
