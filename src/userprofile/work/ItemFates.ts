import type { CompiledDefinition, KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../../profiles/definitions/DefinitionSet.js';
import type { ProfileContext } from '../../profiles/runtime/ProfileContext.js';
import type { ProfileRecord } from '../../profiles/store/ProfileRecord.js';
import type { ReferenceRow } from '../../profiles/store/ProfileStore.js';

export interface ItemRef {
  readonly type: string;
  readonly key: KeyValue;
}

export interface Fate {
  readonly going: KeyValue[];
  readonly waiting: { readonly type: string; readonly key: KeyValue; readonly blockers: readonly ItemRef[] }[];
}

/** The profile types and keys a record references, through any reference property. */
export function referencesOf(definition: CompiledDefinition, record: ProfileRecord): Map<string, Set<KeyValue>> {
  const out = new Map<string, Set<KeyValue>>();
  for (const property of definition.properties) {
    if (!property.references) continue;
    const value = record[property.name];
    const keys = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value as KeyValue];
    const set = out.get(property.references) ?? new Set<KeyValue>();
    for (const key of keys) set.add(key);
    out.set(property.references, set);
  }
  return out;
}

/**
 * Decides which of a user's related items are no longer in use once the user is deleted (or, in an update, once the
 * user has let go of them): an item goes when nothing refers to it but the user, or items of the user that go too
 * (a billing address only the user's own deleted card points at). Referrers are read with locking reads, once per
 * type for all the user's items of that type, so that a concurrent operation cannot start using an item this one
 * is about to delete, and the statements sent do not grow with the number of items.
 */
export class ItemFates {
  private readonly referrers = new Map<string, Map<KeyValue, ReferenceRow[]>>();
  private readonly owned: Map<string, Set<KeyValue>>;
  private readonly ownedRecords = new Map<string, ProfileRecord[]>();
  private readonly locked = new Map<string, Set<KeyValue>>();

  constructor(
    private readonly profiles: ProfileContext,
    private readonly definitions: DefinitionSet,
    private readonly owner: { readonly definition: CompiledDefinition; readonly key: KeyValue; readonly record: ProfileRecord },
    /** In an update the owner stays: what it still references after this operation keeps items alive. */
    private readonly goneAlready: (type: string, key: KeyValue) => boolean,
    private readonly ownerStays: { readonly stillReferences: Map<string, Set<KeyValue>> } | undefined,
  ) {
    this.owned = referencesOf(owner.definition, owner.record);
  }

  /**
   * The items of `type` the owner's deletion may free: its own, and those its own items of other types point at
   * (the billing address of the user's card, though the user does not list it). Reads those items, locked, once.
   */
  async candidatesOf(type: string): Promise<KeyValue[]> {
    const keys = new Set(this.owned.get(type) ?? []);
    for (const { from } of this.definitions.referencing(type)) {
      const owned = [...(this.owned.get(from.name) ?? [])];
      if (from === this.owner.definition || owned.length === 0) continue;
      let records = this.ownedRecords.get(from.name);
      if (!records) {
        records = (await this.profiles.getProfiles(owned.sort(), from.name, { lock: 'update' })).map((p) => p.storedRecord());
        this.ownedRecords.set(from.name, records);
        this.locked.set(from.name, new Set(owned));
      }
      for (const record of records) for (const key of referencesOf(from, record).get(type) ?? []) keys.add(key);
    }
    return [...keys];
  }

  /**
   * Which `candidates` of `type` go now, and which go only once other items of the owner that point at them have
   * gone (a billing address waits for its card): those wait, with what they wait for.
   */
  async decide(type: string, candidates: readonly KeyValue[]): Promise<Fate> {
    await this.fetch(type, candidates);
    const fate: Fate = { going: [], waiting: [] };
    for (const key of candidates) {
      const blockers: ItemRef[] = [];
      if (!this.goes(type, key, new Set(), blockers)) continue;
      if (blockers.length) fate.waiting.push({ type, key, blockers });
      else fate.going.push(key);
    }
    return fate;
  }

  /** Reads the referrers of the candidates and of every owned item that could refer to them, one statement per type. */
  private async fetch(type: string, candidates: readonly KeyValue[]): Promise<void> {
    const wanted = new Map<string, Set<KeyValue>>([[type, new Set(candidates)]]);
    const queue = this.ownerStays ? [] : [type];
    while (queue.length) {
      const target = queue.shift() ?? '';
      for (const { from } of this.definitions.referencing(target)) {
        if (from === this.owner.definition || wanted.has(from.name)) continue;
        wanted.set(from.name, new Set(this.owned.get(from.name) ?? []));
        queue.push(from.name);
      }
    }
    for (const [name, keys] of wanted) {
      const known = this.referrers.get(name) ?? new Map<KeyValue, ReferenceRow[]>();
      const missing = [...keys].filter((k) => !known.has(k));
      if (missing.length === 0) continue;
      await this.lockItems(name, missing);
      for (const key of missing) known.set(key, []);
      for (const row of await this.profiles.findReferrers(name, missing, { lock: 'share' })) known.get(row.itemKey)?.push(row);
      this.referrers.set(name, known);
    }
  }

  /**
   * Locks the items to decide about, in key order, before reading who uses them: anything that would start using
   * one (a link's foreign key check, an association) must wait, and two deletions deciding about the same item
   * queue on its row instead of deadlocking over each other's links.
   */
  private async lockItems(type: string, keys: readonly KeyValue[]): Promise<void> {
    const locked = this.locked.get(type) ?? new Set<KeyValue>();
    const missing = keys.filter((k) => !locked.has(k));
    if (missing.length === 0) return;
    await this.profiles.getProfiles([...missing].sort(), type, { lock: 'update' });
    for (const key of missing) locked.add(key);
    this.locked.set(type, locked);
  }

  /** Whether an item goes; `blockers` collects the owner's items, still there, that must go first. */
  private goes(type: string, key: KeyValue, seen: Set<string>, blockers: ItemRef[]): boolean {
    if (this.ownerStays?.stillReferences.get(type)?.has(key)) return false;
    seen.add(`${type}\u0000${key}`);
    for (const row of this.referrers.get(type)?.get(key) ?? []) {
      if (row.from === this.owner.definition.name && row.ownerKey === this.owner.key) continue;
      if (this.goneAlready(row.from, row.ownerKey)) continue;
      if (this.ownerStays || !this.owned.get(row.from)?.has(row.ownerKey)) return false;
      if (!seen.has(`${row.from}\u0000${row.ownerKey}`) && !this.goes(row.from, row.ownerKey, seen, [])) return false;
      blockers.push({ type: row.from, key: row.ownerKey });
    }
    return true;
  }
}
