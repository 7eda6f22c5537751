import { profileId, type CompiledDefinition, type CompiledProperty, type KeyValue } from '../../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../../definitions/DefinitionSet.js';
import type { Decision } from '../../store/Decision.js';
import type { Profile } from '../Profile.js';
import type { LockRequest } from '../DecisionLocks.js';
import { referencesOf } from './referencesOf.js';
import type { ProfileRef, UnusedProfile } from './UnusedProfiles.js';

/** What the finder needs of the Profiles System (a ProfileContext): locking reads, and what the transaction knows. */
export interface DecisionReads {
  lockForDecision(requests: readonly LockRequest[]): Promise<Decision[]>;
  /** Profiles by primary key from the transaction's view and the cache only: no SQL. */
  peekProfiles(primaryKeys: readonly KeyValue[], profileType: string): Profile[];
}

/** The owners (one, or the profiles a bulk Delete found, all of one definition) as stored: what they referred to before this operation. */
interface Owners {
  readonly definition: CompiledDefinition;
  readonly keys: readonly KeyValue[];
}

/** Merges what each owner refers to, by type. */
function ownedBy(owners: readonly Profile[], properties: readonly CompiledProperty[]): Map<string, Set<KeyValue>> {
  const owned = new Map<string, Set<KeyValue>>();
  for (const owner of owners) {
    for (const [type, keys] of referencesOf(owner.definition, owner.storedRecord(), properties)) {
      const all = owned.get(type) ?? new Set<KeyValue>();
      for (const key of keys) all.add(key);
      owned.set(type, all);
    }
  }
  return owned;
}

interface LockedItem {
  /** Something other than the owner and its own profiles refers to it. */
  readonly usedByOthers: boolean;
  /** What it references, by referenced profile type. */
  readonly outgoing: Map<string, Set<KeyValue>>;
}

/**
 * Decides which profiles an owner refers to will be used by nothing once it goes (or, when it stays, once it has let
 * go of them): a profile goes when nothing refers to it but the owner, or profiles of the owner that go too (a billing
 * address only the owner's own deleted card points at). The profiles are locked and probed for other users in one
 * statement, so that a concurrent operation cannot start using one this one is about to delete, and the statements
 * sent grow neither with the number of profiles nor with the number of others that share them.
 */
export class UnusedProfilesFinder {
  private readonly locked = new Map<string, Map<KeyValue, LockedItem>>();
  /** What the owner refers to through the properties followed, by type. */
  private readonly owned: Map<string, Set<KeyValue>>;

  private readonly owner: Owners;
  /** When the owner stays: what it still refers to after this operation keeps those profiles. */
  private readonly ownerStays: { readonly stillReferences: Map<string, Set<KeyValue>> } | undefined;

  private constructor(
    private readonly reads: DecisionReads,
    private readonly definitions: DefinitionSet,
    owners: readonly [Profile, ...Profile[]],
    /** The owners' reference properties whose profiles may go. */
    followed: readonly string[],
    stays: boolean,
  ) {
    const [first] = owners;
    this.owner = { definition: first.definition, keys: owners.map((o) => o.primaryKey) };
    this.ownerStays = stays ? { stillReferences: referencesOf(first.definition, first.pendingRecord()) } : undefined;
    const properties = followed.map((name) => first.definition.byName.get(name)).filter((p) => p !== undefined);
    this.owned = ownedBy(owners, properties);
  }

  /**
   * Every profile of the types the owners (one, or every profile a bulk Delete found, of one definition) refer to
   * through `through` that their deletion frees: used by nothing but them and their own profiles that go too.
   */
  static async afterDeleting(reads: DecisionReads, definitions: DefinitionSet, owners: readonly [Profile, ...Profile[]], through: readonly string[]): Promise<UnusedProfile[]> {
    return new UnusedProfilesFinder(reads, definitions, owners, through, false).afterDeleting();
  }

  /** Which of the profiles `owner` let go of nothing uses any more, the owner staying. */
  static async afterReleasing(reads: DecisionReads, definitions: DefinitionSet, owner: Profile, released: readonly ProfileRef[]): Promise<UnusedProfile[]> {
    return new UnusedProfilesFinder(reads, definitions, [owner], [], true).afterReleasing(released);
  }

  /**
   * Each profile with what must go before it. The types go in one order, by name, whatever order the owner's model
   * declares its relationships in: owners of every model then lock alike, and do not deadlock one another.
   */
  private async afterDeleting(): Promise<UnusedProfile[]> {
    const unused: UnusedProfile[] = [];
    for (const profileType of [...this.owned.keys()].sort()) unused.push(...this.decide(profileType, await this.candidatesOf(profileType)));
    return unused;
  }

  private async afterReleasing(released: readonly ProfileRef[]): Promise<UnusedProfile[]> {
    const byType = new Map<string, KeyValue[]>();
    for (const { profileType, key } of released) byType.set(profileType, [...(byType.get(profileType) ?? []), key]);
    const unused: UnusedProfile[] = [];
    for (const [profileType, keys] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
      const known = this.locked.get(profileType);
      const missing = [...new Set(keys)].filter((k) => !known?.has(k)).sort();
      if (missing.length) await this.lock([{ profileType, keys: missing, excluded: this.excluded() }]);
      unused.push(...this.decide(profileType, keys));
    }
    return unused;
  }

  /** References that are no use: the owner's, and (when the owner goes) those of its own profiles, judged on their own. */
  private excluded(): Record<string, KeyValue[]> {
    const excluded: Record<string, KeyValue[]> = { [this.owner.definition.name]: [...this.owner.keys] };
    if (!this.ownerStays) for (const [type, keys] of this.owned) excluded[type] = [...(excluded[type] ?? []), ...keys];
    return excluded;
  }

  private remember(profileType: string, decision: Decision): void {
    const known = this.locked.get(profileType) ?? new Map<KeyValue, LockedItem>();
    this.locked.set(profileType, known);
    for (const [key, usedByOthers] of decision.used) known.set(key, { usedByOthers, outgoing: known.get(key)?.outgoing ?? new Map<string, Set<KeyValue>>() });
    const definition = this.definitions.get(profileType);
    for (const row of decision.outgoing) {
      const target = definition.byName.get(row.property)?.references ?? '';
      const outgoing = known.get(row.ownerKey)?.outgoing;
      outgoing?.set(target, (outgoing.get(target) ?? new Set()).add(row.itemKey));
    }
  }

  private async lock(requests: readonly LockRequest[]): Promise<void> {
    const decisions = await this.reads.lockForDecision(requests);
    requests.forEach(({ profileType }, i) => {
      const decision = decisions[i];
      if (decision) this.remember(profileType, decision);
      else this.locked.set(profileType, this.locked.get(profileType) ?? new Map<KeyValue, LockedItem>());
    });
  }

  /** The types whose profiles can refer to profiles of `type`, transitively, but the owner's own. */
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
   * The profiles of `type` the owner's deletion may free — its own, and those its own profiles of other types point
   * at (the billing address of the user's card, though the user does not list it) — locked and probed in one
   * statement together with the owner's profiles of every type that can refer to them. Locks go in key order: the
   * profiles the owner's profiles point at are taken, as far as this server knows them, into the one sorted list; one
   * the locked, fresh rows name that it did not know is locked by a second statement.
   */
  private async candidatesOf(type: string): Promise<KeyValue[]> {
    if (this.locked.has(type)) return [...(this.locked.get(type)?.keys() ?? [])];
    const excluded = this.excluded();
    const others = this.referringTypes(type).filter((t) => !this.locked.has(t));
    const keys = new Set([...(this.owned.get(type) ?? []), ...this.knownPointedAt(type)]);
    await this.lock([
      { profileType: type, keys: [...keys].sort(), excluded },
      ...others.map((t) => ({ profileType: t, keys: [...(this.owned.get(t) ?? [])].sort(), excluded })),
    ]);
    const unknown = [...this.pointedAt(type)].filter((key) => !keys.has(key));
    if (unknown.length) await this.lock([{ profileType: type, keys: unknown.sort(), excluded }]);
    return [...(this.locked.get(type)?.keys() ?? [])];
  }

  /** What the owner's profiles of other types point at in `type`, as this transaction and the cache know them (no SQL). */
  private knownPointedAt(type: string): KeyValue[] {
    const keys: KeyValue[] = [];
    for (const { from } of this.definitions.referencing(type)) {
      const owned = [...(this.owned.get(from.name) ?? [])];
      if (from === this.owner.definition || owned.length === 0) continue;
      for (const item of this.reads.peekProfiles(owned, from.name)) keys.push(...(referencesOf(from, item.storedRecord()).get(type) ?? []));
    }
    return keys;
  }

  /** What the owner's profiles of other types point at in `type`, as their locked rows say. */
  private pointedAt(type: string): Set<KeyValue> {
    const keys = new Set<KeyValue>();
    for (const [otherType, items] of this.locked) {
      if (otherType === type) continue;
      for (const [key, item] of items) if (this.owned.get(otherType)?.has(key)) for (const k of item.outgoing.get(type) ?? []) keys.add(k);
    }
    return keys;
  }

  /** Which `candidates` of `type` go, each with the owner's profiles that must go first. */
  private decide(type: string, candidates: readonly KeyValue[]): UnusedProfile[] {
    const unused: UnusedProfile[] = [];
    for (const key of new Set(candidates)) {
      const after: ProfileRef[] = [];
      if (this.goes(type, key, new Set(), after)) unused.push({ profileType: type, key, after });
    }
    return unused;
  }

  /** Whether a profile goes; `after` collects the owner's profiles that refer to it and must go first. */
  private goes(type: string, key: KeyValue, seen: Set<string>, after: ProfileRef[]): boolean {
    const item = this.locked.get(type)?.get(key);
    if (!item || item.usedByOthers || this.ownerStays?.stillReferences.get(type)?.has(key)) return false;
    if (this.ownerStays) return true;
    seen.add(profileId(type, key));
    for (const [ownedType, items] of this.locked) {
      for (const [ownedKey, locked] of items) {
        if (!locked.outgoing.get(type)?.has(key) || !this.owned.get(ownedType)?.has(ownedKey)) continue;
        if (!seen.has(profileId(ownedType, ownedKey)) && !this.goes(ownedType, ownedKey, seen, [])) return false;
        after.push({ profileType: ownedType, key: ownedKey });
      }
    }
    return true;
  }
}
