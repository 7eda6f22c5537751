import type { Knex } from 'knex';
import type { CompiledDefinition, KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { Decision, DecisionRequest } from '../store/Decision.js';
import type { ProfilePlacement } from '../store/ProfilePlacement.js';
import type { ReferenceQueries } from '../store/ReferenceQueries.js';
import { checkKeyValue } from './ProfileReads.js';
import type { ProfileSession } from './ProfileSession.js';
import type { SessionSource } from './SessionSource.js';

/** Profiles to lock for a decision. */
export interface LockRequest {
  readonly profileType: string;
  readonly keys: readonly KeyValue[];
  /** By profile type: the profiles whose references do not count as a use (the owner being deleted, its own items). */
  readonly excluded?: Readonly<Record<string, readonly KeyValue[]>>;
}

/**
 * Locks profiles to decide about them, across the databases that hold them and those that may refer to them: the
 * work behind ProfileContext.lockForDecision.
 */
export class DecisionLocks {
  constructor(
    private readonly definitions: DefinitionSet,
    private readonly references: ReferenceQueries,
    private readonly placement: ProfilePlacement,
  ) {}

  /**
   * All requests go in one statement per database that holds their profiles. With partitions, a second round asks
   * the other databases for referrers, once every profile is locked: a referrer written after that must first read
   * its item (see ProfileWrites), and waits.
   */
  lock(sessions: SessionSource, requests: readonly LockRequest[]): Promise<Decision[]> {
    const resolved = requests.map(({ profileType, keys, excluded }): DecisionRequest => {
      const target = this.definitions.get(profileType);
      return { target, keys: keys.map((k) => checkKeyValue(target.primary, k)), excluded: new Map(Object.entries(excluded ?? {})) };
    });
    return sessions.run(async (s) => {
      const decisions = await this.lockWhereHeld(s, resolved);
      resolved.forEach(({ target }, i) => s.hold(target, decisions[i]?.used.keys() ?? []));
      if (this.placement.partitions.partitioned) await this.findUsesElsewhere(s, resolved, decisions);
      return decisions;
    });
  }

  private holds(database: Knex, target: CompiledDefinition): boolean {
    return this.placement.databasesOf(target).includes(database);
  }

  private async lockWhereHeld(s: ProfileSession, resolved: readonly DecisionRequest[]): Promise<Decision[]> {
    const decisions = resolved.map((): Decision => ({ used: new Map(), outgoing: [] }));
    for (const database of this.placement.all()) {
      const here = resolved.map((request) => (this.holds(database, request.target) ? request : { ...request, keys: [] }));
      if (here.every((request) => request.keys.length === 0)) continue;
      const results = await this.references.lockForDecision(await s.writer(database), here);
      results.forEach((result, i) => {
        const into = decisions[i];
        if (!into) return;
        for (const [key, used] of result.used) into.used.set(key, (into.used.get(key) ?? false) || used);
        into.outgoing.push(...result.outgoing);
      });
    }
    return decisions;
  }

  private async findUsesElsewhere(s: ProfileSession, resolved: readonly DecisionRequest[], decisions: readonly Decision[]): Promise<void> {
    for (const database of this.placement.all()) {
      // A profile without a HASHING key is probed where it lives, joined to its row, by the first round.
      const elsewhere = resolved.map((request, i) => {
        const keys = this.holds(database, request.target) && !request.target.hashing ? [] : [...(decisions[i]?.used.keys() ?? [])];
        return { ...request, keys };
      });
      if (elsewhere.every((request) => request.keys.length === 0)) continue;
      const referenced = await this.references.referencedHere(await s.writer(database), elsewhere);
      referenced.forEach((keys, i) => {
        for (const key of keys) decisions[i]?.used.set(key, true);
      });
    }
  }
}
