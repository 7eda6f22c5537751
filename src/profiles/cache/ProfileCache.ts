import type { CacheConfig } from '../../config/commerceConfigSchema.js';
import { keySlot, referencedKeys, type CompiledDefinition, type CompiledProperty, type KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';

/** A primary key as the cache keys it (see keySlot). */
const slot = keySlot;

/**
 * A cached profile. A class, not an object literal: V8 decides per literal whether to allocate its objects straight
 * into the old generation (allocation-site pretenuring), and entries, which outlive the first scavenges whenever the
 * cache fills, made the literal's site tenured. An entry allocated old and dropped soon after (a refresh, an
 * eviction, a Delete) still counts as live for every scavenge until the next full collection, and so kept its record,
 * that record's values and what it points to alive and copied them into the old generation too: a SQLite cold Query
 * after a refresh spent 8.7–11 µs in scavenges, against 2.2–3.6 µs with entries made by `new` (BENCHMARKS.md).
 */
class Entry {
  /** The entry used more recently: the LRU order is a doubly linked list through the entries themselves. */
  newer: Entry | undefined = undefined;

  constructor(
    readonly key: string,
    readonly table: TypeTable,
    readonly record: ProfileRecord,
    readonly expiresAt: number,
    /** The entry used less recently. */
    public older: Entry | undefined,
  ) {}
}

/**
 * How many recent changes of a type are remembered one by one, at least (between this and twice this); older ones
 * count as having happened at the type's floor.
 */
const rememberedChanges = 2048;

/** One profile type's part of the cache: everything is found by the key itself, without building a combined id. */
class TypeTable {
  entries!: Map<string, Entry>;
  /**
   * key property → key value → primary key, for every key property but the primary key itself, which `entries` is
   * keyed by already (an index of it would be one more large Map written for every profile put and read for every
   * one dropped, and the only index a profile type keyed by its primary key alone would keep).
   */
  indexes!: ReadonlyMap<string, Map<KeyValue, KeyValue>>;
  /** Each of those key properties with its index, in the definition's order. */
  keyIndexes!: readonly (readonly [CompiledProperty, Map<KeyValue, KeyValue>])[];
  /** The reference properties of the type, each with the table of the type it references. */
  references: readonly (readonly [CompiledProperty, TypeTable])[] = [];
  /** A profile of this type → the cached entries (of any type) that reference it. */
  referrers!: Map<string, Set<Entry>>;
  /** The count of each recent change, by key: the newest generation, and the one before it. */
  changedAt!: Map<string, number>;
  changedBefore!: Map<string, number>;
  /** The count when `changedBefore` stopped taking changes: none of them is later. */
  changedBeforeUpTo!: number;
  /** Keys in neither generation count as changed at this count. */
  forgottenUpTo!: number;

  /** Set by reset, which the constructor calls: a table starts as one that was cleared at the count 0. */
  constructor(readonly definition: CompiledDefinition) {
    this.reset(0);
  }

  /** Empty, on new Maps, every change before `floor` counting as at `floor`. */
  reset(floor: number): void {
    this.entries = new Map();
    const { primary } = this.definition;
    this.keyIndexes = this.definition.keyProperties.filter((p) => p !== primary).map((p) => [p, new Map<KeyValue, KeyValue>()] as const);
    this.indexes = new Map(this.keyIndexes.map(([p, index]) => [p.name, index]));
    this.referrers = new Map();
    this.changedAt = new Map();
    this.changedBefore = new Map();
    this.changedBeforeUpTo = this.forgottenUpTo = floor;
  }

  primaryKey(record: ProfileRecord): KeyValue {
    return record[this.definition.primary.name] as KeyValue;
  }
}

/**
 * Profiles held in memory: bounded (least recently used out), each trusted for `ttlSeconds`, and indexed by every
 * key property so that a cached profile is found by any of its keys without SQL. A reverse index of references lets
 * a deletion evict the cached profiles that pointed at what was deleted.
 *
 * Every change (a written profile, an eviction, a clear) is counted. A record merely read from the store is put with
 * the count taken before the read ({@link stamp}), and only if neither it nor a profile it references changed since:
 * a slow reader cannot bring back a profile that a faster writer changed or deleted meanwhile.
 *
 * The hot path, a lookup by primary key, is two Map reads (the type, then the key), one clock reading and, unless the
 * entry is already the most recently used, six pointer writes moving it to the LRU list's newest end.
 */
export class ProfileCache {
  private readonly tables = new Map<string, TypeTable>();
  private count = 0;
  /** The least and the most recently used entries. */
  private oldest: Entry | undefined;
  private newest: Entry | undefined;
  private readonly ttlMs: number;
  private changes = 0;

  constructor(
    private readonly definitions: DefinitionSet,
    private readonly config: CacheConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.ttlMs = config.ttlSeconds * 1000;
    for (const definition of definitions.all()) this.tables.set(definition.name, new TypeTable(definition));
    for (const table of this.tables.values()) this.linkReferences(table);
  }

  get size(): number {
    return this.count;
  }

  /** A cached profile by primary key; an expired one is dropped and missed. */
  get(type: string, key: KeyValue): ProfileRecord | undefined {
    const entry = this.tables.get(type)?.entries.get(slot(key));
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(entry);
      return undefined;
    }
    if (entry !== this.newest) this.touch(entry);
    return entry.record;
  }

  /** A cached profile by any key property. */
  find(type: string, keyName: string, value: KeyValue): ProfileRecord | undefined {
    const table = this.tables.get(type);
    if (!table) return undefined;
    if (keyName === table.definition.primary.name) return this.get(type, value);
    const key = table.indexes.get(keyName)?.get(value);
    return key === undefined ? undefined : this.get(type, key);
  }

  /** The count of changes so far: taken before reading from the store, handed to {@link putLoaded} after. */
  stamp(): number {
    return this.changes;
  }

  /** Puts a record that was written: it is the newest there is. */
  put(type: string, record: ProfileRecord): void {
    const table = this.table(type);
    const key = slot(table.primaryKey(record));
    this.changed(table, key);
    this.store(table, key, record);
  }

  /**
   * Puts a record read from the store after `stamp` was taken, unless it or a profile it references changed since
   * (the read may have seen the row before that change). Answers whether it was put.
   */
  putLoaded(type: string, record: ProfileRecord, stamp: number): boolean {
    const table = this.table(type);
    const key = slot(table.primaryKey(record));
    if (this.changedSince(table, key, stamp)) return false;
    for (const [property, target] of table.references) {
      for (const referenced of referencedKeys(record[property.name])) if (this.changedSince(target, slot(referenced), stamp)) return false;
    }
    this.store(table, key, record);
    return true;
  }

  /** Drops a profile, cached or not: a read of it that began before is not put afterwards. */
  evict(type: string, key: KeyValue): void {
    const table = this.known(type);
    if (!table) return;
    const at = slot(key);
    this.changed(table, at);
    const entry = table.entries.get(at);
    if (entry) this.remove(entry);
  }

  /** Drops every cached profile that references one of the given (deleted) profiles. */
  evictReferrersOf(type: string, keys: readonly KeyValue[]): void {
    const table = this.known(type);
    if (!table) return;
    for (const key of keys) {
      const at = slot(key);
      this.changed(table, at);
      const referrers = table.referrers.get(at);
      // remove() deletes from this very set: iterate a copy.
      if (referrers) for (const entry of [...referrers]) this.remove(entry);
    }
  }

  /**
   * Drops every profile. Each table starts over with new Maps rather than emptied ones: `clear()` costs about half a
   * microsecond a Map here, and an emptied Map keeps its place in the heap's old generation, where the profiles read
   * right after cost more to put (BENCHMARKS.md, "The cache after a refresh").
   */
  clear(): void {
    const floor = ++this.changes;
    for (const table of this.tables.values()) table.reset(floor);
    this.count = 0;
    this.oldest = this.newest = undefined;
  }

  /** The table of a type; one defined after the cache was made gets its table now, an unknown one is a fault. */
  private table(type: string): TypeTable {
    return this.tables.get(type) ?? this.added(this.definitions.get(type));
  }

  /** The table of a type, none for a type this server does not know (a farm message may name one): nothing of it is cached. */
  private known(type: string): TypeTable | undefined {
    const definition = this.tables.has(type) ? undefined : this.definitions.find(type);
    return definition ? this.added(definition) : this.tables.get(type);
  }

  private added(definition: CompiledDefinition): TypeTable {
    const type = definition.name;
    const table = new TypeTable(definition);
    table.forgottenUpTo = table.changedBeforeUpTo = this.changes;
    this.tables.set(type, table);
    for (const other of this.tables.values()) this.linkReferences(other);
    return table;
  }

  private linkReferences(table: TypeTable): void {
    const references: (readonly [CompiledProperty, TypeTable])[] = [];
    for (const property of table.definition.properties) {
      const target = property.references === undefined ? undefined : this.tables.get(property.references);
      if (target) references.push([property, target]);
    }
    table.references = references;
  }

  /**
   * Counts a change of one profile. The newest generation of the change log takes it (a Map set, no reordering);
   * when it is full it becomes the older one, and the older one is forgotten, its changes then counting as at the floor.
   */
  private changed(table: TypeTable, key: string): void {
    table.changedAt.set(key, ++this.changes);
    if (table.changedAt.size < rememberedChanges) return;
    table.forgottenUpTo = table.changedBeforeUpTo;
    const reused = table.changedBefore;
    reused.clear();
    table.changedBefore = table.changedAt;
    table.changedBeforeUpTo = this.changes;
    table.changedAt = reused;
  }

  private changedSince(table: TypeTable, key: string, stamp: number): boolean {
    return (table.changedAt.get(key) ?? table.changedBefore.get(key) ?? table.forgottenUpTo) > stamp;
  }

  private store(table: TypeTable, key: string, record: ProfileRecord): void {
    const previous = table.entries.get(key);
    if (previous) this.remove(previous);
    const entry = new Entry(key, table, record, this.now() + this.ttlMs, this.newest);
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
    table.entries.set(key, entry);
    this.count++;
    this.link(entry);
    if (this.count > this.config.maxEntries && this.oldest) this.remove(this.oldest);
  }

  /** Makes the entry the most recently used. */
  private touch(entry: Entry): void {
    const { older, newer } = entry;
    if (!newer) return;
    newer.older = older;
    if (older) older.newer = newer;
    else this.oldest = newer;
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest) this.newest.newer = entry;
    this.newest = entry;
  }

  private link(entry: Entry): void {
    const { table, record } = entry;
    const primaryKey = table.primaryKey(record);
    for (const [property, index] of table.keyIndexes) {
      const value = record[property.name];
      if (value !== null && value !== undefined) index.set(value as KeyValue, primaryKey);
    }
    for (const [property, target] of table.references) {
      for (const referenced of referencedKeys(record[property.name])) {
        const at = slot(referenced);
        let set = target.referrers.get(at);
        if (!set) target.referrers.set(at, (set = new Set<Entry>()));
        set.add(entry);
      }
    }
  }

  private remove(entry: Entry): void {
    const { table, record, older, newer } = entry;
    if (table.entries.get(entry.key) !== entry) return;
    table.entries.delete(entry.key);
    this.count--;
    if (older) older.newer = newer;
    else this.oldest = newer;
    if (newer) newer.older = older;
    else this.newest = older;
    entry.older = entry.newer = undefined;
    const primaryKey = table.primaryKey(record);
    for (const [property, index] of table.keyIndexes) {
      const value = record[property.name] as KeyValue;
      // In a farm a stale entry may share a UNIQUE value with a newer one; only its own index entry goes.
      if (index.get(value) === primaryKey) index.delete(value);
    }
    for (const [property, target] of table.references) {
      for (const referenced of referencedKeys(record[property.name])) {
        const at = slot(referenced);
        const set = target.referrers.get(at);
        if (set?.delete(entry) && set.size === 0) target.referrers.delete(at);
      }
    }
  }
}
