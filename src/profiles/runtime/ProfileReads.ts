import type { SqlTarget } from '../../storage/dialects/driverStatement.js';
import type { Knex } from 'knex';
import { ValidationFault } from '../../faults/ValidationFault.js';
import type { LockMode } from '../../storage/dialects/Dialect.js';
import type { ProfileCache } from '../cache/ProfileCache.js';
import { referencedKeys, type CompiledDefinition, type CompiledProperty, type KeyValue } from '../definitions/CompiledDefinition.js';
import type { ProfilePlacement } from '../store/ProfilePlacement.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import type { ProfileLoader } from '../store/ProfileLoader.js';
import { isKeyValue, keyValueKind } from './checkValue.js';
import type { ProfileSession } from './ProfileSession.js';
import { appendTo } from '../../util/appendTo.js';
import { distinct } from '../../util/distinct.js';
import { flatMap } from '../../util/flatMap.js';

export interface ReadOptions {
  /** Read from the store with a locking read (MySQL/MariaDB), bypassing the cache: for reads that decide writes. */
  readonly lock?: LockMode;
  /** Read from the store even when the cache holds the profile. */
  readonly fresh?: boolean;
  /**
   * Reference properties (`GeneralInfo.address_list`) whose profiles to read as well, in the same statement (in one
   * more, for all of them, after a locking read), into this context, so that the reads that follow find them without SQL.
   */
  readonly include?: readonly string[];
}

/** The key property `keyName` of a definition; anything else is a fault naming the keys there are. */
export function keyProperty(definition: CompiledDefinition, keyName: string): CompiledProperty {
  const property = definition.byName.get(keyName);
  if (!property?.isKey) {
    const keys = definition.keyProperties.map((p) => p.name).join(', ');
    throw ValidationFault.of(keyName, `${keyName} is no key of ${definition.name}; its keys are ${keys}`);
  }
  return property;
}

/** A value to look a profile up by; one the key column could not hold is a fault before any SQL, as it matches nothing. */
export function checkKeyValue(property: CompiledProperty, value: unknown): KeyValue {
  if (!isKeyValue(value, property.type)) throw ValidationFault.of(property.name, `must be ${keyValueKind(property.type)}`);
  if (typeof value === 'string' && property.maxLength !== undefined && value.length > property.maxLength) {
    throw ValidationFault.of(property.name, `is at most ${property.maxLength} characters long`);
  }
  return value;
}

export function includedProperty(definition: CompiledDefinition, name: string): CompiledProperty {
  const property = definition.byName.get(name);
  if (!property?.references) throw ValidationFault.of(name, `${name} is no reference property of ${definition.name}`);
  return property;
}

/** Reads through this transaction's own changes, then the cache, then one statement for whatever is missing. */
export class ProfileReads {
  constructor(
    private readonly loader: ProfileLoader,
    private readonly cache: ProfileCache,
    private readonly placement: ProfilePlacement,
    private readonly definitionOf: (property: CompiledProperty) => CompiledDefinition,
  ) {}

  /**
   * This transaction's view: a record, null when this transaction deleted it, undefined when unknown here. Without a
   * session (outside an operation) the view is the cache alone.
   */
  cached(session: ProfileSession | undefined, definition: CompiledDefinition, key: CompiledProperty, value: KeyValue): ProfileRecord | null | undefined {
    const isPrimary = key === definition.primary;
    if (!session) return (isPrimary ? this.cache.get(definition.name, value) : this.cache.find(definition.name, key.name, value)) ?? undefined;
    const { overlay } = session;
    const own = isPrimary ? overlay.get(definition.name, value) : overlay.find(definition, key.name, value);
    if (own !== undefined) return own;
    const shared = isPrimary ? this.cache.get(definition.name, value) : this.cache.find(definition.name, key.name, value);
    if (!shared) return undefined;
    const mine = overlay.get(definition.name, shared[definition.primary.name] as KeyValue);
    if (mine === null) return null;
    return mine === undefined ? shared : undefined; // changed in this transaction, no longer under this key value
  }

  /**
   * Reads profiles of several definitions by primary key into this transaction's view: one statement per database
   * for those not known yet. When every one is known already there is nothing to wait for, and nothing is returned.
   */
  readMany(session: ProfileSession, requests: readonly { definition: CompiledDefinition; keys: readonly KeyValue[] }[]): Promise<void> | undefined {
    type Parts = Map<Knex, { definition: CompiledDefinition; keys: KeyValue[] }[]>;
    let byDatabase: Parts | undefined;
    for (const { definition, keys } of requests) {
      const missing: KeyValue[] = [];
      for (const key of distinct(keys)) if (this.cached(session, definition, definition.primary, key) === undefined) missing.push(key);
      for (const [database, wanted] of missing.length ? this.placement.route(definition, definition.primary, missing) : []) {
        appendTo((byDatabase ??= new Map() as Parts), database, { definition, keys: wanted });
      }
    }
    return byDatabase && this.loadInto(session, byDatabase);
  }

  private async loadInto(session: ProfileSession, byDatabase: ReadonlyMap<Knex, readonly { definition: CompiledDefinition; keys: KeyValue[] }[]>): Promise<void> {
    for (const [database, parts] of byDatabase) {
      const load = parts.map(({ definition, keys }) => ({ definition, set: { keys } }));
      const stamp = session.stampFor(database);
      for (const [definition, records] of await this.loader.loadMany(await session.reader(database), load)) {
        for (const record of records) session.overlay.loaded(definition, record, stamp);
      }
    }
  }

  /**
   * What `read` of one value (neither locking nor fresh) answers without SQL: the record, or null when there is none
   * (this transaction deleted it), with every profile it references through `includes` known too (present, or deleted
   * here); undefined when any of them is unknown here, so that only `read` could answer.
   */
  known(session: ProfileSession | undefined, definition: CompiledDefinition, key: CompiledProperty, value: KeyValue, includes: readonly CompiledProperty[]): ProfileRecord | null | undefined {
    const record = this.cached(session, definition, key, value);
    return record && this.withIncludesKnown(session, record, includes);
  }

  /** The record, when every profile it references through `includes` is known here (present, or deleted here); else undefined. */
  private withIncludesKnown(session: ProfileSession | undefined, record: ProfileRecord, includes: readonly CompiledProperty[]): ProfileRecord | undefined {
    for (const property of includes) {
      const target = this.definitionOf(property);
      for (const referenced of referencedKeys(record[property.name])) {
        if (this.cached(session, target, target.primary, referenced) === undefined) return undefined;
      }
    }
    return record;
  }

  /**
   * What `read` of one value (neither locking nor fresh) answers, in this turn where it can be: from the view (see
   * known), or by a lone read the store answers at once (SQLite's connection while it is free: see Dialect.rowsNow),
   * taken into the view as `read` takes it. A promise where what it includes must still be read (a reference to a
   * profile that is gone); undefined where the read must wait, and nothing was sent.
   */
  readNow(session: ProfileSession, definition: CompiledDefinition, key: CompiledProperty, value: KeyValue, includes: readonly CompiledProperty[]): ProfileRecord | null | undefined | Promise<ProfileRecord | null> {
    const known = this.cached(session, definition, key, value);
    if (known !== undefined) return known && this.withIncludesKnown(session, known, includes);
    if (this.placement.partitions.partitioned) return undefined;
    const routes = this.placement.route(definition, key, [value]);
    if (routes.size !== 1) return undefined;
    const [database] = routes.keys();
    const db = database && session.readerNow(database);
    if (!db) return undefined;
    const stamp = session.stampFor(database);
    let record: ProfileRecord | undefined;
    if (includes.length) {
      const loaded = this.loader.loadWithNow(db, definition, key, [value], includes);
      if (!loaded) return undefined;
      record = this.includedIntoView(session, definition, loaded, stamp)[0];
    } else {
      const loaded = this.loader.loadNow(db, definition, key, [value]);
      if (!loaded) return undefined;
      record = loaded[0];
    }
    if (!record) return null;
    session.overlay.loaded(definition, record, stamp, false, undefined);
    // As read answers by the value asked for: a row the database matched otherwise (a collation) is no answer.
    if (record[key.name] !== value) return null;
    const found = record;
    const including = includes.length ? this.readMany(session, this.referencedBy([found], includes)) : undefined;
    return including ? including.then(() => found) : found;
  }

  /** The profiles whose `key` is one of `values`, in that order, each once; those that do not exist are left out. */
  async read(
    session: ProfileSession,
    definition: CompiledDefinition,
    key: CompiledProperty,
    values: readonly KeyValue[],
    options: ReadOptions = {},
  ): Promise<ProfileRecord[]> {
    const unique = distinct(values);
    const found = new Map<KeyValue, ProfileRecord>();
    const missing: KeyValue[] = [];
    for (const value of unique) {
      const record = options.lock
        ? session.overlay.lockedRecord(definition, key.name, value, options.lock)
        : options.fresh
          ? undefined
          : this.cached(session, definition, key, value);
      if (record) found.set(value, record);
      else if (record === undefined) missing.push(value);
    }
    const includes = (options.include ?? []).map((name) => includedProperty(definition, name));
    for (const [database, wanted] of missing.length ? this.placement.route(definition, key, missing) : []) {
      const stamp = session.stampFor(database);
      const db = options.lock ? await session.writer(database) : await session.reader(database);
      const records =
        includes.length && !options.lock && !this.placement.partitions.partitioned
          ? await this.loadIncluding(session, db, definition, key, wanted, includes, stamp)
          : await this.loader.load(db, definition, key, wanted, options.lock);
      for (const record of records) {
        session.overlay.loaded(definition, record, stamp, Boolean(options.lock || options.fresh), options.lock);
        found.set(record[key.name] as KeyValue, record);
      }
    }
    const records = unique.map((value) => found.get(value)).filter((record): record is ProfileRecord => record !== undefined);
    const including = includes.length ? this.readMany(session, this.referencedBy(records, includes)) : undefined;
    if (including) await including;
    return records;
  }

  /** The profile and, in the same statement, the profiles its `includes` reference (these go to the transaction's view). */
  private async loadIncluding(
    session: ProfileSession,
    db: SqlTarget,
    definition: CompiledDefinition,
    key: CompiledProperty,
    values: readonly KeyValue[],
    includes: readonly CompiledProperty[],
    stamp: number,
  ): Promise<ProfileRecord[]> {
    return this.includedIntoView(session, definition, await this.loader.loadWith(db, definition, key, values, includes), stamp);
  }

  /** What loadWith (or loadWithNow) read: the included profiles go to the transaction's view; answers the profiles of `definition`. */
  private includedIntoView(session: ProfileSession, definition: CompiledDefinition, loaded: ReadonlyMap<CompiledDefinition, ProfileRecord[]>, stamp: number): ProfileRecord[] {
    for (const [target, records] of loaded) {
      if (target === definition) continue;
      for (const record of records) session.overlay.loaded(target, record, stamp);
    }
    return loaded.get(definition) ?? [];
  }

  /** Reads what `records` reference through the reference properties `include` into this transaction's view: one statement per database. */
  async readIncluded(session: ProfileSession, definition: CompiledDefinition, records: readonly ProfileRecord[], include: readonly string[]): Promise<void> {
    const includes = include.map((name) => includedProperty(definition, name));
    if (includes.length) await this.readMany(session, this.referencedBy(records, includes));
  }

  /** The keys the records hold in the `includes` properties, by referenced definition. */
  private referencedBy(records: readonly ProfileRecord[], includes: readonly CompiledProperty[]) {
    return includes.map((property) => ({
      definition: this.definitionOf(property),
      keys: flatMap(records, (r) => referencedKeys(r[property.name])),
    }));
  }
}
