import { ValidationFault } from '../../faults/ValidationFault.js';
import type { CompiledDefinition, KeyValue, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import { sameValue } from '../store/recordChanges.js';
import { checkValue } from './checkValue.js';
import type { PropertyType } from '../definitions/profileDefinitionSchema.js';

/** How a Profile reaches the store: its ProfileContext. */
export interface ProfileOwner {
  saveProfiles(profiles: readonly Profile[]): Promise<void>;
  refreshProfile(profile: Profile): Promise<void>;
  keyTypeOf(definition: CompiledDefinition, propertyName: string): PropertyType | undefined;
}

function copy(value: ProfileValue | undefined): ProfileValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return [...value];
  return value instanceof Date ? new Date(value.getTime()) : value;
}

const blankRecords = new WeakMap<CompiledDefinition, Record<string, ProfileValue>>();

/**
 * A new profile's record: its PRIMARY key, every other property null. Every property is there from the start, in the
 * order the store's reads build records in (columns, then lists), so that the records of one definition — read,
 * changed, written and cached — share one shape: V8 then reads and writes their properties at a fixed place, where
 * records built property by property, in the order values happened to be set, took a shape each and left every
 * property access that meets them slow (`pendingRecord`'s writes alone were a microsecond a property).
 */
export function newRecord(definition: CompiledDefinition, primaryKey: KeyValue): ProfileRecord {
  let blank = blankRecords.get(definition);
  if (!blank) {
    blank = {};
    for (const property of definition.columnProperties) blank[property.name] = null;
    for (const property of definition.listProperties) blank[property.name] = null;
    blankRecords.set(definition, blank);
  }
  const record = { ...blank };
  record[definition.primary.name] = primaryKey;
  return record;
}

/** One profile instance: read with `get`, change with `set`, store with `update`, reload with `refresh`. */
export class Profile {
  private stored: ProfileRecord;
  /** This instance's changes; made on the first `set` (most profiles, read to be answered, never change). */
  private changes: Map<string, ProfileValue> | undefined;
  /** pendingRecord's answer, made once until the next change or store (a record is never changed once built). */
  private pending: ProfileRecord | undefined;
  private persisted: boolean;

  constructor(
    readonly definition: CompiledDefinition,
    record: ProfileRecord,
    persisted: boolean,
    private readonly owner: ProfileOwner,
  ) {
    this.stored = record;
    this.persisted = persisted;
  }

  get type(): string {
    return this.definition.name;
  }

  get primaryKey(): KeyValue {
    return this.stored[this.definition.primary.name] as KeyValue;
  }

  /** True until the profile has been stored by `update`. */
  get isNew(): boolean {
    return !this.persisted;
  }

  get hasChanges(): boolean {
    return !this.persisted || (this.changes !== undefined && this.changes.size > 0);
  }

  get(name: string): ProfileValue {
    this.property(name);
    const { changes } = this;
    return copy(changes?.has(name) ? changes.get(name) : this.stored[name]);
  }

  /** Changes a value in this instance; nothing is stored until `update`. Bad values fail here, naming the property. */
  set(name: string, value: unknown): this {
    const property = this.property(name);
    const checked = checkValue(property, value, this.owner.keyTypeOf(this.definition, name));
    const current = this.stored[name];
    const immutable = property === this.definition.primary || (this.persisted && property.immutable);
    if (immutable && !sameValue(current, checked)) {
      const kind = [...property.keys].filter((k) => k !== 'UNIQUE' && k !== 'DUAL').join('/');
      throw ValidationFault.of(name, `is a ${kind} key: its value cannot change once the profile is created`);
    }
    if (sameValue(current, checked)) {
      if (this.changes?.delete(name)) this.pending = undefined;
    } else {
      (this.changes ??= new Map()).set(name, checked);
      this.pending = undefined;
    }
    return this;
  }

  /** Every value, changes included, as a new object. */
  values(): Record<string, ProfileValue> {
    const out: Record<string, ProfileValue> = {};
    for (const property of this.definition.properties) out[property.name] = this.get(property.name);
    return out;
  }

  /** Stores the profile: inserts a new one, or writes what changed. */
  update(): Promise<void> {
    return this.owner.saveProfiles([this]);
  }

  /** Reloads the profile from the store, dropping unsaved changes, and refreshes this server's cache entry. */
  refresh(): Promise<void> {
    return this.owner.refreshProfile(this);
  }

  /** Every value as it would be stored: what was read or written last, with this instance's changes. */
  pendingRecord(): ProfileRecord {
    const { changes } = this;
    if (!changes || changes.size === 0) return this.stored;
    if (!this.pending) {
      const record: Record<string, ProfileValue> = { ...this.stored };
      for (const [name, value] of changes) record[name] = value;
      this.pending = record;
    }
    return this.pending;
  }

  /** Every value as last read from or written to the store, without this instance's changes. */
  storedRecord(): ProfileRecord {
    return this.stored;
  }

  /** @internal Takes `record` as the stored state, after a save or a refresh. */
  accept(record: ProfileRecord): void {
    this.stored = record;
    this.changes = undefined;
    this.pending = undefined;
    this.persisted = true;
  }

  private property(name: string) {
    const property = this.definition.byName.get(name);
    if (!property) throw ValidationFault.of(name, `${this.type} has no property ${name}`);
    return property;
  }
}
