import { ValidationFault } from '../../faults/ValidationFault.js';
import type { LockMode } from '../../storage/Dialect.js';
import type { ProfileCache } from '../cache/ProfileCache.js';
import type { CompiledDefinition, CompiledProperty, KeyValue } from '../definitions/CompiledDefinition.js';
import type { ProfilePlacement } from '../store/ProfilePlacement.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import type { ProfileStore } from '../store/ProfileStore.js';
import type { ProfileSession } from './ProfileSession.js';

export interface ReadOptions {
  /** Read from the store with a locking read (MySQL/MariaDB), bypassing the cache: for reads that decide writes. */
  readonly lock?: LockMode;
  /** Read from the store even when the cache holds the profile. */
  readonly fresh?: boolean;
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

export function checkKeyValue(definition: CompiledDefinition, property: CompiledProperty, value: unknown): KeyValue {
  const ok = property.type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string' && value !== '';
  if (!ok) throw ValidationFault.of(property.name, `a ${definition.name}.${property.name} value must be a non-empty ${property.type}`);
  return value as KeyValue;
}

/** Reads through this transaction's own changes, then the cache, then one statement for whatever is missing. */
export class ProfileReads {
  constructor(
    private readonly store: ProfileStore,
    private readonly cache: ProfileCache,
    private readonly placement: ProfilePlacement,
  ) {}

  /** This transaction's view: a record, null when this transaction deleted it, undefined when unknown here. */
  cached(session: ProfileSession, definition: CompiledDefinition, key: CompiledProperty, value: KeyValue): ProfileRecord | null | undefined {
    const { overlay } = session;
    const isPrimary = key === definition.primary;
    const own = isPrimary ? overlay.get(definition.name, value) : overlay.find(definition, key.name, value);
    if (own !== undefined) return own;
    const shared = isPrimary ? this.cache.get(definition.name, value) : this.cache.find(definition.name, key.name, value);
    if (!shared) return undefined;
    const mine = overlay.get(definition.name, shared[definition.primary.name] as KeyValue);
    if (mine === null) return null;
    return mine === undefined ? shared : undefined; // changed in this transaction, no longer under this key value
  }

  /** The profiles whose `key` is one of `values`, in that order, each once; those that do not exist are left out. */
  async read(
    session: ProfileSession,
    definition: CompiledDefinition,
    key: CompiledProperty,
    values: readonly KeyValue[],
    options: ReadOptions = {},
  ): Promise<ProfileRecord[]> {
    const unique = [...new Set(values)];
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
    for (const [database, wanted] of missing.length ? this.placement.route(definition, key, missing) : []) {
      const db = options.lock ? await session.writer(database) : await session.reader(database);
      for (const record of await this.store.load(db, definition, key, wanted, options.lock)) {
        session.overlay.loaded(definition, record, Boolean(options.lock || options.fresh), options.lock);
        found.set(record[key.name] as KeyValue, record);
      }
    }
    return unique.map((value) => found.get(value)).filter((record): record is ProfileRecord => record !== undefined);
  }
}
