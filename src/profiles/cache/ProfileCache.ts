import type { CacheConfig } from '../../config/commerceConfigSchema.js';
import { profileId as entryId, referencedKeys, type CompiledDefinition, type KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';

interface Entry {
  readonly id: string;
  readonly definition: CompiledDefinition;
  readonly record: ProfileRecord;
  readonly expiresAt: number;
}

/** How many recent changes are remembered one by one; older ones count as having happened at the floor. */
const rememberedChanges = 4096;

/**
 * Profiles held in memory: bounded (least recently used out), each trusted for `ttlSeconds`, and indexed by every
 * key property so that a cached profile is found by any of its keys without SQL. A reverse index of references lets
 * a deletion evict the cached profiles that pointed at what was deleted.
 *
 * Every change (a written profile, an eviction, a clear) is counted. A record merely read from the store is put with
 * the count taken before the read ({@link stamp}), and only if neither it nor a profile it references changed since:
 * a slow reader cannot bring back a profile that a faster writer changed or deleted meanwhile.
 */
export class ProfileCache {
  private readonly entries = new Map<string, Entry>();
  /** type → key property → key value → primary key. */
  private readonly indexes = new Map<string, Map<string, Map<KeyValue, KeyValue>>>();
  /** referenced profile's entry id → ids of cached entries referencing it. */
  private readonly referrers = new Map<string, Set<string>>();
  private readonly ttlMs: number;
  private changes = 0;
  /** entry id → the count at its last change, the most recent last; bounded by `rememberedChanges`. */
  private readonly changedAt = new Map<string, number>();
  /** Ids no longer in `changedAt` count as changed at this count. */
  private forgottenUpTo = 0;

  constructor(
    private readonly definitions: DefinitionSet,
    private readonly config: CacheConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.ttlMs = config.ttlSeconds * 1000;
    for (const definition of definitions.all()) {
      this.indexes.set(definition.name, new Map(definition.keyProperties.map((p) => [p.name, new Map<KeyValue, KeyValue>()])));
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** A cached profile by primary key; an expired one is dropped and missed. */
  get(type: string, key: KeyValue): ProfileRecord | undefined {
    const id = entryId(type, key);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(entry);
      return undefined;
    }
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.record;
  }

  /** A cached profile by any key property. */
  find(type: string, keyName: string, value: KeyValue): ProfileRecord | undefined {
    const key = this.indexes.get(type)?.get(keyName)?.get(value);
    return key === undefined ? undefined : this.get(type, key);
  }

  /** The count of changes so far: taken before reading from the store, handed to {@link putLoaded} after. */
  stamp(): number {
    return this.changes;
  }

  /** Puts a record that was written: it is the newest there is. */
  put(type: string, record: ProfileRecord): void {
    const definition = this.definitions.get(type);
    const id = entryId(type, record[definition.primary.name] as KeyValue);
    this.changed(id);
    this.store(id, definition, record);
  }

  /**
   * Puts a record read from the store after `stamp` was taken, unless it or a profile it references changed since
   * (the read may have seen the row before that change). Answers whether it was put.
   */
  putLoaded(type: string, record: ProfileRecord, stamp: number): boolean {
    const definition = this.definitions.get(type);
    const id = entryId(type, record[definition.primary.name] as KeyValue);
    let stale = this.changedSince(id, stamp);
    if (!stale) this.forEachReference(definition, record, (target) => void (stale ||= this.changedSince(target, stamp)));
    if (!stale) this.store(id, definition, record);
    return !stale;
  }

  private store(id: string, definition: CompiledDefinition, record: ProfileRecord): void {
    const previous = this.entries.get(id);
    if (previous) this.remove(previous);
    const entry: Entry = { id, definition, record, expiresAt: this.now() + this.ttlMs };
    this.entries.set(id, entry);
    this.link(entry);
    if (this.entries.size > this.config.maxEntries) {
      const oldest = this.entries.values().next().value;
      if (oldest) this.remove(oldest);
    }
  }

  /** Drops a profile, cached or not: a read of it that began before is not put afterwards. */
  evict(type: string, key: KeyValue): void {
    const id = entryId(type, key);
    this.changed(id);
    const entry = this.entries.get(id);
    if (entry) this.remove(entry);
  }

  /** Drops every cached profile that references one of the given (deleted) profiles. */
  evictReferrersOf(type: string, keys: readonly KeyValue[]): void {
    for (const key of keys) {
      this.changed(entryId(type, key));
      for (const id of this.referrers.get(entryId(type, key)) ?? []) {
        const entry = this.entries.get(id);
        if (entry) this.remove(entry);
      }
    }
  }

  clear(): void {
    this.forgottenUpTo = ++this.changes;
    this.changedAt.clear();
    this.entries.clear();
    this.referrers.clear();
    for (const byKey of this.indexes.values()) for (const index of byKey.values()) index.clear();
  }

  private changed(id: string): void {
    this.changedAt.delete(id);
    this.changedAt.set(id, ++this.changes);
    if (this.changedAt.size > rememberedChanges) {
      const [oldest, at] = this.changedAt.entries().next().value as [string, number];
      this.changedAt.delete(oldest);
      this.forgottenUpTo = at;
    }
  }

  private changedSince(id: string, stamp: number): boolean {
    return (this.changedAt.get(id) ?? this.forgottenUpTo) > stamp;
  }

  private link(entry: Entry): void {
    const { definition, record } = entry;
    const primaryKey = record[definition.primary.name] as KeyValue;
    const indexes = this.indexes.get(definition.name);
    for (const property of definition.keyProperties) {
      const value = record[property.name];
      if (value !== null && value !== undefined) indexes?.get(property.name)?.set(value as KeyValue, primaryKey);
    }
    this.forEachReference(definition, record, (target) => {
      const set = this.referrers.get(target) ?? new Set<string>();
      set.add(entry.id);
      this.referrers.set(target, set);
    });
  }

  private remove(entry: Entry): void {
    const { definition, record } = entry;
    this.entries.delete(entry.id);
    const primaryKey = record[definition.primary.name];
    const indexes = this.indexes.get(definition.name);
    for (const property of definition.keyProperties) {
      const index = indexes?.get(property.name);
      const value = record[property.name] as KeyValue;
      // In a farm a stale entry may share a UNIQUE value with a newer one; only its own index entry goes.
      if (index && index.get(value) === primaryKey) index.delete(value);
    }
    this.forEachReference(definition, record, (target) => {
      const set = this.referrers.get(target);
      set?.delete(entry.id);
      if (set?.size === 0) this.referrers.delete(target);
    });
  }

  private forEachReference(definition: CompiledDefinition, record: ProfileRecord, visit: (targetId: string) => void): void {
    for (const property of definition.properties) {
      if (!property.references) continue;
      for (const key of referencedKeys(record[property.name])) visit(entryId(property.references, key));
    }
  }
}
