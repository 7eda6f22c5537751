import { profileId, referencedKeys, type CompiledDefinition, type KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../../profiles/definitions/DefinitionSet.js';
import type { LockRequest } from '../../profiles/runtime/DecisionLocks.js';
import type { ProfileContext } from '../../profiles/runtime/ProfileContext.js';
import type { ProfileRecord } from '../../profiles/store/ProfileRecord.js';
import type { Decision } from '../../profiles/store/Decision.js';

export interface ItemRef {
  readonly type: string;
  readonly key: KeyValue;
}

export interface Waiting {
  readonly type: string;
  readonly key: KeyValue;
  readonly blockers: readonly ItemRef[];
  /** Items decided together go together, in one statement, once every one of them can. */
  readonly group?: number;
}

export interface Fate {
  /** Items nothing else uses: they can go now. */
  readonly going: KeyValue[];
  /** Items that go once other items of the owner that point at them (a billing address's card) have gone. */
  readonly waiting: Waiting[];
}

interface ItemRead {
  /** Something other than the owner and its items refers to it. */
  readonly usedByOthers: boolean;
  /** What the item references, by referenced profile type. */
  readonly outgoing: Map<string, Set<KeyValue>>;
}

/** The profile types and keys a record references, through any reference property. */
export function referencesOf(definition: CompiledDefinition, record: ProfileRecord): Map<string, Set<KeyValue>> {
  const out = new Map<string, Set<KeyValue>>();
  for (const property of definition.properties) {
    if (!property.references) continue;
    const keys = referencedKeys(record[property.name]);
    const set = out.get(property.references) ?? new Set<KeyValue>();
    for (const key of keys) set.add(key);
    out.set(property.references, set);
  }
  return out;
}

/**
 * Decides which of a user's related items are no longer in use once the user is deleted (or, in an update, once the
 * user has let go of them): an item goes when nothing refers to it but the user, or items of the user that go too
 * (a billing address only the user's own deleted card points at). The items are locked and probed for other users
 * in one statement, so that a concurrent operation cannot start using an item this one is about to delete, and the
 * statements sent grow neither with the number of items nor with the number of others that share them.
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

  /** References that are no use: the owner's, and (when the owner goes) those of its own items, judged on their own. */
  private excluded(): Record<string, KeyValue[]> {
    const excluded: Record<string, KeyValue[]> = { [this.owner.definition.name]: [this.owner.key] };
    if (!this.ownerStays) for (const [type, keys] of this.owned) excluded[type] = [...keys];
    return excluded;
  }

  private remember(type: string, decision: Decision): void {
    const known = this.read.get(type) ?? new Map<KeyValue, ItemRead>();
    this.read.set(type, known);
    for (const [key, usedByOthers] of decision.used) known.set(key, { usedByOthers, outgoing: known.get(key)?.outgoing ?? new Map() });
    const definition = this.definitions.get(type);
    for (const row of decision.outgoing) {
      const target = definition.byName.get(row.property)?.references ?? '';
      const outgoing = known.get(row.ownerKey)?.outgoing;
      outgoing?.set(target, (outgoing.get(target) ?? new Set()).add(row.itemKey));
    }
  }

  private async lock(requests: (LockRequest & { type: string })[]): Promise<void> {
    const decisions = await this.profiles.lockForDecision(requests);
    requests.forEach(({ type }, i) => {
      const decision = decisions[i];
      if (decision) this.remember(type, decision);
      else this.read.set(type, this.read.get(type) ?? new Map());
    });
  }

  /** The types whose items can refer to items of `type`, transitively, but the owner's own. */
  private referringTypes(type: string): string[] {
    const found: string[] = [];
    const queue = [type];
    while (queue.length) {
      for (const { from } of this.definitions.referencing(queue.shift() ?? '')) {
        if (from === this.owner.definition || found.includes(from.name) || from.name === type) continue;
        found.push(from.name);
        queue.push(from.name);
      }
    }
    return found;
  }

  /**
   * The items of `type` the owner's deletion may free — its own, and those its own items of other types point at
   * (the billing address of the user's card, though the user does not list it) — locked and probed in one statement
   * together with the owner's items of every type that can refer to them. Locks go in key order: the items the
   * owner's items point at are taken, as far as this server knows them, into the one sorted list; one the locked,
   * fresh rows name that it did not know is locked by a second statement.
   */
  async candidatesOf(type: string): Promise<KeyValue[]> {
    if (this.read.has(type)) return [...(this.read.get(type)?.keys() ?? [])];
    const excluded = this.excluded();
    const others = this.referringTypes(type).filter((t) => !this.read.has(t));
    const keys = new Set([...(this.owned.get(type) ?? []), ...(await this.knownPointedAt(type))]);
    await this.lock([
      { type, profileType: type, keys: [...keys].sort(), excluded },
      ...others.map((t) => ({ type: t, profileType: t, keys: [...(this.owned.get(t) ?? [])].sort(), excluded })),
    ]);
    const unknown = [...this.pointedAt(type)].filter((key) => !keys.has(key));
    if (unknown.length) await this.lock([{ type, profileType: type, keys: unknown.sort(), excluded }]);
    return [...(this.read.get(type)?.keys() ?? [])];
  }

  /** What the owner's items of other types point at in `type`, as the cache knows them (no SQL). */
  private async knownPointedAt(type: string): Promise<KeyValue[]> {
    const keys: KeyValue[] = [];
    for (const { from } of this.definitions.referencing(type)) {
      const owned = [...(this.owned.get(from.name) ?? [])];
      if (from === this.owner.definition || owned.length === 0) continue;
      for (const item of await this.profiles.peekProfiles(owned, from.name)) keys.push(...(referencesOf(from, item.storedRecord()).get(type) ?? []));
    }
    return keys;
  }

  /** What the owner's items of other types point at in `type`, as their locked rows say. */
  private pointedAt(type: string): Set<KeyValue> {
    const keys = new Set<KeyValue>();
    for (const [otherType, items] of this.read) {
      if (otherType === type) continue;
      for (const [key, read] of items) if (this.owned.get(otherType)?.has(key)) for (const k of read.outgoing.get(type) ?? []) keys.add(k);
    }
    return keys;
  }

  /** Which `candidates` of `type` go now, and which wait for other items of the owner to go first. */
  async decide(type: string, candidates: readonly KeyValue[]): Promise<Fate> {
    const known = this.read.get(type);
    const missing = [...new Set(candidates)].filter((k) => !known?.has(k)).sort();
    if (missing.length) await this.lock([{ type, profileType: type, keys: missing, excluded: this.excluded() }]);
    const fate: Fate = { going: [], waiting: [] };
    for (const key of candidates) {
      const blockers: ItemRef[] = [];
      if (!this.goes(type, key, new Set(), blockers)) continue;
      if (blockers.length) fate.waiting.push({ type, key, blockers });
      else fate.going.push(key);
    }
    return fate;
  }

  /** Whether an item goes; `blockers` collects the owner's items, still there, that must go first. */
  private goes(type: string, key: KeyValue, seen: Set<string>, blockers: ItemRef[]): boolean {
    const item = this.read.get(type)?.get(key);
    if (!item || item.usedByOthers || this.ownerStays?.stillReferences.get(type)?.has(key)) return false;
    if (this.ownerStays) return true;
    seen.add(profileId(type, key));
    for (const [ownedType, items] of this.read) {
      for (const [ownedKey, read] of items) {
        if (!read.outgoing.get(type)?.has(key) || !this.owned.get(ownedType)?.has(ownedKey) || this.goneAlready(ownedType, ownedKey)) continue;
        if (!seen.has(profileId(ownedType, ownedKey)) && !this.goes(ownedType, ownedKey, seen, [])) return false;
        blockers.push({ type: ownedType, key: ownedKey });
      }
    }
    return true;
  }
}
