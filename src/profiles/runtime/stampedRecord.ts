import { randomInt, randomUUID } from 'node:crypto';
import {
  dateChangedProperty,
  dateCreatedProperty,
  type CompiledDefinition,
  type CompiledProperty,
  type KeyValue,
} from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';

function generatedJoinValue(property: CompiledProperty): KeyValue {
  return property.type === 'number' ? randomInt(1, 2 ** 47) : randomUUID();
}

/** A record as it is written at `now`: its dates stamped, a new one's JOIN key generated, every property present. */
export function stampedRecord(definition: CompiledDefinition, record: ProfileRecord, now: Date, created: boolean): ProfileRecord {
  const out: Record<string, unknown> = { ...record };
  if (definition.byName.has(dateChangedProperty)) out[dateChangedProperty] = now;
  if (created && definition.byName.has(dateCreatedProperty) && !out[dateCreatedProperty]) out[dateCreatedProperty] = now;
  if (created && definition.join !== definition.primary && (out[definition.join.name] ?? null) === null) {
    out[definition.join.name] = generatedJoinValue(definition.join);
  }
  for (const property of definition.properties) out[property.name] ??= property.multiValued ? [] : null;
  return out as ProfileRecord;
}
