import { randomInt, randomUUID } from 'node:crypto';
import { ItemAlreadyExistsFault } from '../../faults/ItemAlreadyExistsFault.js';
import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import { ValidationFault, type ValidationError } from '../../faults/ValidationFault.js';
import { isForeignKeyViolation, uniqueViolation } from '../../storage/Dialect.js';
import { identifier } from '../../storage/identifier.js';
import {
  dateChangedProperty,
  dateCreatedProperty,
  type CompiledDefinition,
  type CompiledProperty,
  type KeyValue,
} from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import type { ProfileStore, RecordChange } from '../store/ProfileStore.js';
import type { Profile } from './Profile.js';
import type { ProfileReads } from './ProfileReads.js';
import type { ProfileSession } from './ProfileSession.js';

export interface DeleteOptions {
  /** Set single-valued references to the deleted profiles to null (default true); link rows always go. */
  readonly clearReferences?: boolean;
}

function generatedJoinValue(property: CompiledProperty): KeyValue {
  return property.type === 'number' ? randomInt(1, 2 ** 47) : randomUUID();
}

function stamped(definition: CompiledDefinition, record: ProfileRecord, now: Date, created: boolean): ProfileRecord {
  const out: Record<string, unknown> = { ...record };
  if (definition.byName.has(dateChangedProperty)) out[dateChangedProperty] = now;
  if (created && definition.byName.has(dateCreatedProperty) && !out[dateCreatedProperty]) out[dateCreatedProperty] = now;
  if (created && definition.join !== definition.primary && (out[definition.join.name] ?? null) === null) {
    out[definition.join.name] = generatedJoinValue(definition.join);
  }
  for (const property of definition.properties) out[property.name] ??= property.multiValued ? [] : null;
  return out as ProfileRecord;
}

function missingRequired(definition: CompiledDefinition, records: readonly ProfileRecord[]): ValidationError[] {
  const errors = new Map<string, ValidationError>();
  for (const record of records) {
    for (const property of definition.properties) {
      if (property.required && (record[property.name] ?? null) === null) {
        errors.set(property.name, { property: property.name, errorMessage: `${definition.name}.${property.name} is required` });
      }
    }
  }
  return [...errors.values()];
}

function duplicateFault(definition: CompiledDefinition, property: CompiledProperty, value: unknown, cause?: unknown): ItemAlreadyExistsFault {
  return new ItemAlreadyExistsFault(`A ${definition.name} with ${property.name} "${String(value)}" already exists`, { cause });
}

/** Stores, changes and deletes profiles with set-based SQL, recording every change for the cache at commit. */
export class ProfileWrites {
  constructor(
    private readonly store: ProfileStore,
    private readonly reads: ProfileReads,
  ) {}

  async save(session: ProfileSession, profiles: readonly Profile[]): Promise<[Profile, ProfileRecord][]> {
    const groups = new Map<CompiledDefinition, Profile[]>();
    for (const profile of profiles) {
      if (profile.hasChanges) groups.set(profile.definition, [...(groups.get(profile.definition) ?? []), profile]);
    }
    const saved: [Profile, ProfileRecord][] = [];
    const now = new Date();
    for (const [definition, group] of groups) {
      const inserts = group.filter((p) => p.isNew).map((p) => [p, stamped(definition, p.pendingRecord(), now, true)] as const);
      const updates = group.filter((p) => !p.isNew).map((p) => [p, stamped(definition, p.pendingRecord(), now, false)] as const);
      const records = [...inserts, ...updates].map(([, record]) => record);
      const missing = missingRequired(definition, records);
      if (missing.length) throw new ValidationFault(missing);
      this.checkUnique(session, definition, records, new Set(inserts.map(([, record]) => record)));
      const changes: RecordChange[] = updates.map(([p, after]) => ({ before: p.storedRecord(), after }));
      const db = await session.writer();
      try {
        await this.store.insert(db, definition, inserts.map(([, record]) => record));
        await this.store.update(db, definition, changes);
      } catch (error) {
        throw this.translate(error, definition, records);
      }
      for (const [profile, record] of [...inserts, ...updates]) {
        session.overlay.written(definition, record);
        saved.push([profile, record]);
      }
    }
    return saved;
  }

  /** The Profiles System's own uniqueness check: against this transaction's view and the cache, before any SQL. */
  private checkUnique(
    session: ProfileSession,
    definition: CompiledDefinition,
    records: readonly ProfileRecord[],
    inserted: ReadonlySet<ProfileRecord>,
  ): void {
    for (const property of definition.keyProperties) {
      const seen = new Map<unknown, unknown>();
      for (const record of records) {
        const value = record[property.name] as KeyValue;
        const key = record[definition.primary.name];
        if (seen.has(value) && seen.get(value) !== key) throw duplicateFault(definition, property, value);
        seen.set(value, key);
        const holder = this.reads.cached(session, definition, property, value);
        const taken = holder && (holder[definition.primary.name] !== key || inserted.has(record));
        if (taken) throw duplicateFault(definition, property, value);
      }
    }
  }

  /** A unique or foreign key violation from the store becomes the fault it means. */
  private translate(error: unknown, definition: CompiledDefinition, records: readonly ProfileRecord[]): unknown {
    const name = uniqueViolation(error);
    if (name !== undefined) {
      const property =
        definition.keyProperties.find(
          (p) => p.column === name || identifier(definition.table, p.column, 'unique') === name,
        ) ?? definition.primary;
      const value = records.length === 1 ? records[0]?.[property.name] : 'one of the values given';
      return duplicateFault(definition, property, value, error);
    }
    if (isForeignKeyViolation(error)) {
      const lists = definition.listProperties.map((p) => p.name).join(', ');
      return new ItemDoesNotExistFault(`A profile listed in ${definition.name} (${lists}) does not exist`, { cause: error });
    }
    return error;
  }

  async delete(session: ProfileSession, definition: CompiledDefinition, keys: readonly KeyValue[], options: DeleteOptions = {}): Promise<number> {
    if (keys.length === 0) return 0;
    const db = await session.writer();
    const count = await this.store.delete(db, definition, keys);
    if (options.clearReferences ?? true) await this.store.clearReferences(db, definition, keys);
    session.overlay.deleted(definition, keys);
    return count;
  }
}
