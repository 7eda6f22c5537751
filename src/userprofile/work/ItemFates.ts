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
  /** Items nothing else uses: they can go now. */
  readonly going: KeyValue[];
  /** Items that go once other items of the owner that point at them (a billing address's card) have gone. */
  readonly waiting: { readonly type: string; readonly key: KeyValue; readonly blockers: readonly ItemRef[] }[];
}

interface ItemRead {
  readonly incoming: ReferenceRow[];
  /** What the item references, by referenced profile type. */
  readonly outgoing: Map<string, Set<KeyValue>>;
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
 * (a billing address only the user's own deleted card points at). Each type's items are locked and read with what
 * they reference and who references them in one statement, so that a concurrent operation cannot start using an
 * item this one is about to delete, and the statements sent do not grow with the number of items.
 */
export class ItemFates {
  private readonly read = new Map<string, Map<KeyValue, ItemRead>>();
  private readonly owned: Map<string, Set<KeyValue>>;

  constructor(
    private readonly profiles: ProfileContext,
    private readonly definitions: DefinitionSet,
    private readonly owner: { readonly definition: CompiledDefinition; readonly key: KeyValue; readonly record: ProfileRecord },
    private readonly goneAlready: (type: string, key: KeyValue) => boolean,
    /** In an update the owner stays: what it still references after this operation keeps items alive. */
    private readonly ownerStays: { readonly stillReferences: Map<string, Set<KeyValue>> } | undefined,
  ) {
    this.owned = referencesOf(owner.definition, owner.record);
  }

  /** Locks and reads the items of `type` not read yet: one statement. */
  private async fetch(type: string, keys: Iterable<KeyValue>): Promise<Map<KeyValue, ItemRead>> {
    const known = this.read.get(type) ?? new Map<KeyValue, ItemRead>();
    this.read.set(type, known);
    const missing = [...new Set(keys)].filter((k) => !known.has(k)).sort();
    if (missing.length === 0) return known;
    const locked = await this.profiles.lockWithReferences(type, missing);
    for (const key of missing) known.set(key, { incoming: [], outgoing: new Map() });
    const definition = this.definitions.get(type);
    for (const row of locked.incoming) known.get(row.itemKey)?.incoming.push(row);
    for (const row of locked.outgoing) {
      const target = definition.byName.get(row.property)?.references ?? '';
      const outgoing = known.get(row.ownerKey)?.outgoing;
      outgoing?.set(target, (outgoing.get(target) ?? new Set()).add(row.itemKey));
    }
    return known;
  }

  /** The owner's items of the types whose items can refer to `type` (cards, for addresses), read so the decision can see them. */
  private async fetchOwnedReferrers(type: string): Promise<void> {
    const queue = [type];
    const seen = new Set(queue);
    while (queue.length) {
      for (const { from } of this.definitions.referencing(queue.shift() ?? '')) {
        if (from === this.owner.definition || seen.has(from.name)) continue;
        seen.add(from.name);
        await this.fetch(from.name, this.owned.get(from.name) ?? []);
        queue.push(from.name);
      }
    }
  }

  /**
   * The items of `type` the owner's deletion may free: its own, and those its own items of other types point at
   * (the billing address of the user's card, though the user does not list it).
   */
  async candidatesOf(type: string): Promise<KeyValue[]> {
    const keys = new Set(this.owned.get(type) ?? []);
    await this.fetchOwnedReferrers(type);
    for (const { from } of this.definitions.referencing(type)) {
      for (const read of this.read.get(from.name)?.values() ?? []) for (const key of read.outgoing.get(type) ?? []) keys.add(key);
    }
    return [...keys];
  }

  /** Which `candidates` of `type` go now, and which wait for other items of the owner to go first. */
  async decide(type: string, candidates: readonly KeyValue[]): Promise<Fate> {
    if (!this.ownerStays) await this.fetchOwnedReferrers(type);
    const read = await this.fetch(type, candidates);
    const fate: Fate = { going: [], waiting: [] };
    for (const key of candidates) {
      if (!read.get(key)) continue;
      const blockers: ItemRef[] = [];
      if (!this.goes(type, key, new Set(), blockers)) continue;
      if (blockers.length) fate.waiting.push({ type, key, blockers });
      else fate.going.push(key);
    }
    return fate;
  }

  /** Whether an item goes; `blockers` collects the owner's items, still there, that must go first. */
  private goes(type: string, key: KeyValue, seen: Set<string>, blockers: ItemRef[]): boolean {
    if (this.ownerStays?.stillReferences.get(type)?.has(key)) return false;
    seen.add(`${type}\u0000${key}`);
    for (const row of this.read.get(type)?.get(key)?.incoming ?? []) {
      if (row.from === this.owner.definition.name && row.ownerKey === this.owner.key) continue;
      if (this.goneAlready(row.from, row.ownerKey)) continue;
      if (this.ownerStays || !this.owned.get(row.from)?.has(row.ownerKey)) return false;
      if (!seen.has(`${row.from}\u0000${row.ownerKey}`) && !this.goes(row.from, row.ownerKey, seen, [])) return false;
      blockers.push({ type: row.from, key: row.ownerKey });
    }
    return true;
  }
}
