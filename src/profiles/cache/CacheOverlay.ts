import { keySlot, profileId, type CompiledDefinition, type KeyValue } from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import type { LockMode } from '../../storage/dialects/Dialect.js';
import type { CacheMessage } from '../farm/CacheBus.js';
import type { ProfileCache } from './ProfileCache.js';
import { appendTo } from '../../util/appendTo.js';

interface Pending {
  readonly definition: CompiledDefinition;
  readonly key: KeyValue;
  /** null: deleted in this transaction. */
  readonly record: ProfileRecord | null;
  readonly written: boolean;
  /** The lock a read of this transaction took on the row. */
  readonly lock?: LockMode | undefined;
  /** For a record read, the cache's count of changes before the read. */
  readonly stamp?: number;
}

/**
 * What one transaction loaded, wrote and deleted, seen by that transaction's own reads and applied to the
 * shared cache only when it commits: a rolled-back transaction leaves the cache exactly as it was.
 */
export class CacheOverlay {
  /**
   * What this transaction read, wrote and deleted, by type and then by primary key (see keySlot): a lookup builds no
   * id string, and a read-only operation's cold read looks up each profile it answers. A type's Map is made with its
   * first profile and all are dropped together (finish): `pending` is empty exactly when no profile is in it.
   */
  private readonly pending = new Map<string, Map<string, Pending>>();
  private readonly dependentsEvicted = new Map<string, { type: string; keys: KeyValue[] }>();
  /** Profiles a write was sent for: one that failed part way (and was caught) may have changed some of their rows. */
  private readonly attempted = new Map<string, { definition: CompiledDefinition; key: KeyValue }>();

  /** This transaction's view of a profile: a record, null when deleted, undefined when it has none. */
  get(type: string, key: KeyValue): ProfileRecord | null | undefined {
    return this.pending.size === 0 ? undefined : this.pendingOf(type, key)?.record;
  }

  private pendingOf(type: string, key: KeyValue): Pending | undefined {
    return this.pending.get(type)?.get(keySlot(key));
  }

  private setPending(pending: Pending): void {
    const type = pending.definition.name;
    let ofType = this.pending.get(type);
    if (!ofType) this.pending.set(type, (ofType = new Map<string, Pending>()));
    ofType.set(keySlot(pending.key), pending);
  }

  /** A record whose row this transaction holds at least `lock` on: it wrote it, or read it so locked. */
  lockedRecord(definition: CompiledDefinition, keyName: string, value: KeyValue, lock: LockMode): ProfileRecord | undefined {
    for (const pending of this.pending.get(definition.name)?.values() ?? []) {
      const held = pending.written || pending.lock === 'update' || pending.lock === lock;
      if (held && pending.definition === definition && pending.record?.[keyName] === value) return pending.record;
    }
    return undefined;
  }

  /** Whether this transaction wrote the profile, or read it with a lock (a deleted one it holds no more). */
  holds(type: string, key: KeyValue): boolean {
    if (this.pending.size === 0) return false;
    const pending = this.pendingOf(type, key);
    return Boolean(pending?.record && (pending.written || pending.lock));
  }

  find(definition: CompiledDefinition, keyName: string, value: KeyValue): ProfileRecord | undefined {
    for (const pending of this.pending.get(definition.name)?.values() ?? []) {
      if (pending.definition === definition && pending.record?.[keyName] === value) return pending.record;
    }
    return undefined;
  }

  /**
   * A record read from the store, by a read that began at the cache's count `stamp`; `fresh` (a locking or forced
   * read) replaces an earlier read, never a write.
   */
  loaded(definition: CompiledDefinition, record: ProfileRecord, stamp: number, fresh = false, lock?: LockMode): void {
    const key = record[definition.primary.name] as KeyValue;
    const existing = this.pending.size === 0 ? undefined : this.pendingOf(definition.name, key);
    if (existing?.written || (existing && !fresh)) return;
    this.setPending({ definition, key, record, written: false, lock: existing?.lock === 'update' ? 'update' : lock, stamp });
  }

  /** Called before a write's statements: should they fail part way, the profiles are evicted whatever happens next. */
  attempting(definition: CompiledDefinition, keys: readonly KeyValue[]): void {
    for (const key of keys) this.attempted.set(profileId(definition.name, key), { definition, key });
  }

  written(definition: CompiledDefinition, record: ProfileRecord): void {
    const key = record[definition.primary.name] as KeyValue;
    this.setPending({ definition, key, record, written: true });
  }

  /** Deleted profiles; cached profiles that reference them are evicted at commit too. */
  deleted(definition: CompiledDefinition, keys: readonly KeyValue[]): void {
    for (const key of keys) this.setPending({ definition, key, record: null, written: true });
    const evicted = this.dependentsEvicted.get(definition.name) ?? { type: definition.name, keys: [] };
    evicted.keys.push(...keys);
    this.dependentsEvicted.set(definition.name, evicted);
  }

  /**
   * Applies the committed transaction to the cache, what it read first (each only if nothing changed it since the
   * read), then what it wrote; answers what it changed, for the other servers of a farm.
   */
  applyTo(cache: ProfileCache): CacheMessage[] {
    if (this.isEmpty()) return [];
    const changed = new Map<string, KeyValue[]>();
    for (const ofType of this.pending.values()) {
      for (const { definition, record, written, stamp } of ofType.values()) {
        if (!written && record && stamp !== undefined) cache.putLoaded(definition.name, record, stamp);
      }
    }
    for (const ofType of this.pending.values()) {
      for (const { definition, key, record, written } of ofType.values()) {
        if (!written) continue;
        if (record) {
          cache.put(definition.name, record);
          appendTo(changed, definition.name, key);
        } else cache.evict(definition.name, key);
      }
    }
    for (const { definition, key } of this.attempted.values()) {
      if (this.pendingOf(definition.name, key)?.written) continue;
      cache.evict(definition.name, key);
      appendTo(changed, definition.name, key);
    }
    return this.finish(cache, changed);
  }

  /**
   * For writes that may or may not have stayed (a failed non-transactional operation, a commit that failed part
   * way across partitions): evicts every profile this transaction wrote or deleted, and what referenced the deleted
   * ones; answers the same messages as a commit, so that the other servers of a farm evict them too.
   */
  forgetIn(cache: ProfileCache): CacheMessage[] {
    if (this.isEmpty()) return [];
    const changed = new Map<string, KeyValue[]>();
    const forget = new Map(this.attempted);
    for (const ofType of this.pending.values()) {
      for (const { definition, key, written } of ofType.values()) if (written) forget.set(profileId(definition.name, key), { definition, key });
    }
    for (const { definition, key } of forget.values()) {
      cache.evict(definition.name, key);
      if (this.pendingOf(definition.name, key)?.record !== null) appendTo(changed, definition.name, key);
    }
    return this.finish(cache, changed);
  }

  /** Nothing read, written, deleted or attempted: there is nothing to apply, as after a read-only operation that found everything cached. */
  private isEmpty(): boolean {
    return this.pending.size === 0 && this.attempted.size === 0 && this.dependentsEvicted.size === 0;
  }

  private finish(cache: ProfileCache, changed: ReadonlyMap<string, KeyValue[]>): CacheMessage[] {
    for (const { type, keys } of this.dependentsEvicted.values()) cache.evictReferrersOf(type, keys);
    const messages: CacheMessage[] = [
      ...[...changed].map(([type, keys]): CacheMessage => ({ kind: 'changed', type, keys })),
      ...[...this.dependentsEvicted.values()].map(({ type, keys }): CacheMessage => ({ kind: 'deleted', type, keys })),
    ];
    this.pending.clear();
    this.dependentsEvicted.clear();
    this.attempted.clear();
    return messages;
  }
}
