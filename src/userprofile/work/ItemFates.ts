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
      for (const key of missing) known.set(key, []);
      for (const row of await this.profiles.findReferrers(name, missing, { lock: 'update' })) known.get(row.itemKey)?.push(row);
      this.referrers.set(name, known);
    }
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
