import { referencedKeys, type CompiledDefinition, type CompiledProperty, type KeyValue } from '../../definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../../store/ProfileRecord.js';

/** The profile types and keys a record references, through `properties` (every reference property when absent). */
export function referencesOf(definition: CompiledDefinition, record: ProfileRecord, properties?: readonly CompiledProperty[]): Map<string, Set<KeyValue>> {
  const out = new Map<string, Set<KeyValue>>();
  for (const property of properties ?? definition.properties) {
    if (!property.references) continue;
    const set = out.get(property.references) ?? new Set<KeyValue>();
    for (const key of referencedKeys(record[property.name])) set.add(key);
    out.set(property.references, set);
  }
  return out;
}
