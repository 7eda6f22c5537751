import type { CacheConfig } from '../../config/commerceConfigSchema.js';
import type { CompiledDefinition, KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';

interface Entry {
  readonly id: string;
  readonly definition: CompiledDefinition;
  readonly record: ProfileRecord;
  readonly expiresAt: number;
}

const entryId = (type: string, key: KeyValue): string => `${type}\u0000${key}`;

/**
 * Profiles held in memory: bounded (least recently used out), each trusted for `ttlSeconds`, and indexed by every
 * key property so that a cached profile is found by any of its keys without SQL. A reverse index of references lets
 * a deletion evict the cached profiles that pointed at what was deleted.
 */
export class ProfileCache {
  private readonly entries = new Map<string, Entry>();
  /** type → key property → key value → primary key. */
  private readonly indexes = new Map<string, Map<string, Map<KeyValue, KeyValue>>>();
  /** referenced profile's entry id → ids of cached entries referencing it. */
  private readonly referrers = new Map<string, Set<string>>();
  private readonly ttlMs: number;

  constructor(
    private readonly definitions: DefinitionSet,
    private readonly config: CacheConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.ttlMs = config.ttlSeconds * 1000;
    for (const definition of definitions.all()) {
      this.indexes.set(definition.name, new Map(definition.keyProperties.map((p) => [p.name, new Map()])));
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

  put(type: string, record: ProfileRecord): void {
    const definition = this.definitions.get(type);
    const id = entryId(type, record[definition.primary.name] as KeyValue);
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

  evict(type: string, key: KeyValue): void {
    const entry = this.entries.get(entryId(type, key));
    if (entry) this.remove(entry);
  }

  /** Drops every cached profile that references one of the given profiles. */
  evictReferrersOf(type: string, keys: readonly KeyValue[]): void {
    for (const key of keys) {
      for (const id of this.referrers.get(entryId(type, key)) ?? []) {
        const entry = this.entries.get(id);
        if (entry) this.remove(entry);
      }
    }
  }

  clear(): void {
    this.entries.clear();
    this.referrers.clear();
    for (const byKey of this.indexes.values()) for (const index of byKey.values()) index.clear();
  }

  private link(entry: Entry): void {
    const { definition, record } = entry;
    const primaryKey = record[definition.primary.name] as KeyValue;
    const indexes = this.indexes.get(definition.name);
    for (const property of definition.keyProperties) {
      const value = record[property.name];
      if (value !== null && value !== undefined) indexes?.get(property.name)?.set(value as KeyValue, primaryKey);
    }
    this.forEachReference(entry, (target) => {
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
    this.forEachReference(entry, (target) => {
      const set = this.referrers.get(target);
      set?.delete(entry.id);
      if (set?.size === 0) this.referrers.delete(target);
    });
  }

  private forEachReference(entry: Entry, visit: (targetId: string) => void): void {
    for (const property of entry.definition.properties) {
      if (!property.references) continue;
      const value = entry.record[property.name];
      if (Array.isArray(value)) for (const item of value) visit(entryId(property.references, item));
      else if (value !== null && value !== undefined) visit(entryId(property.references, value as KeyValue));
    }
  }
}
