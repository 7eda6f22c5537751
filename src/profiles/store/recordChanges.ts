import type { CompiledDefinition, CompiledProperty, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from './ProfileRecord.js';

/** A stored profile and what it is to become. */
export interface RecordChange {
  readonly before: ProfileRecord;
  readonly after: ProfileRecord;
}

export function sameValue(a: ProfileValue | undefined, b: ProfileValue | undefined): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return (a ?? null) === (b ?? null);
}

export function changedColumns(definition: CompiledDefinition, changes: readonly RecordChange[]): CompiledProperty[] {
  return definition.columnProperties.filter((p) => changes.some((c) => !sameValue(c.before[p.name], c.after[p.name])));
}

export function changedLists(definition: CompiledDefinition, changes: readonly RecordChange[]): CompiledProperty[] {
  return definition.listProperties.filter((p) => changes.some((c) => !sameValue(c.before[p.name], c.after[p.name])));
}
