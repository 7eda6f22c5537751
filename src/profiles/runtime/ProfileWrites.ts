import type { Knex } from 'knex';
import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import { ValidationFault } from '../../faults/ValidationFault.js';
import { withArticle } from '../../util/withArticle.js';
import type { CompiledDefinition, KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet, Reference } from '../definitions/DefinitionSet.js';
import type { ProfilePlacement } from '../store/ProfilePlacement.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import type { ProfileStore } from '../store/ProfileStore.js';
import type { RecordChange } from '../store/recordChanges.js';
import { asItIs, waited, type WriteMode } from '../store/ProfileWriter.js';
import type { Profile } from './Profile.js';
import type { ProfileReads } from './ProfileReads.js';
import { markQueuedBy } from './queuedBy.js';
import type { ProfileSession } from './ProfileSession.js';
import { appendTo } from '../../util/appendTo.js';
import { stampedRecord } from './stampedRecord.js';
import { keyTakenFault, missingRequired, writeFault } from './writeFaults.js';

/**
 * Lets a call's statements be queued where each is a round trip (MySQL/MariaDB, inside a transaction: see
 * DriverTransaction.defer). The call then returns before the database has answered, so that the caller's next work
 * runs meanwhile; a write's failure is thrown by the transaction's next statement or by its commit, failing the
 * operation. Only for a caller that lets any failure of its writes fail the operation (the shipped model
 * components): one that catches a failure to go on must not queue. SQLite has no round trip to hide: there the
 * call waits, as without this.
 */
export interface QueueOptions {
  /**
   * The caller's own words for a failure (see EntityMapper.inModelWords): what every failure of the call becomes,
   * whether the call throws it (a missing required value, a key already taken) or a later statement does (a queued
   * write's). As it is by default.
   */
  readonly fault?: (error: unknown) => unknown;
}

export interface SaveOptions {
  readonly queue?: QueueOptions;
}

export interface DeleteOptions {
  /** Set single-valued references to the deleted profiles to null (default true); link rows always go. */
  readonly clearReferences?: boolean;
  /** As SaveOptions' queue; a DELETE whose row count tells which profiles existed is still waited for (see delete). */
  readonly queue?: QueueOptions;
}

/**
 * How a call's writes go, failures made into what `fault` makes of them when they are thrown later, and marked with
 * the step that queued them (`step`, in an operation: see markQueuedBy).
 */
const modeOf = (queue: QueueOptions | undefined, fault: (error: unknown) => unknown, step: string | undefined): WriteMode => {
  if (!queue) return waited;
  const words = queue.fault ?? asItIs;
  return { queue: true, fault: (error) => markQueuedBy(words(fault(error)), step) };
};

/** Stores, changes and deletes profiles with set-based SQL, recording every change for the cache at commit. */
export class ProfileWrites {
  constructor(
    private readonly store: ProfileStore,
    private readonly reads: ProfileReads,
    private readonly placement: ProfilePlacement,
    private readonly definitions: DefinitionSet,
  ) {}

  async save(session: ProfileSession, profiles: readonly Profile[], options: SaveOptions = {}): Promise<[Profile, ProfileRecord][]> {
    const groups = new Map<CompiledDefinition, Profile[]>();
    for (const profile of profiles) {
      if (profile.hasChanges) appendTo(groups, profile.definition, profile);
    }
    const saved: [Profile, ProfileRecord][] = [];
    const now = new Date();
    for (const [definition, group] of groups) {
      const inserts = group.filter((p) => p.isNew).map((p) => [p, stampedRecord(definition, p.pendingRecord(), now, true)] as const);
      const updates = group.filter((p) => !p.isNew).map((p) => [p, stampedRecord(definition, p.pendingRecord(), now, false)] as const);
      const records = [...inserts, ...updates].map(([, record]) => record);
      const missing = missingRequired(definition, records);
      if (missing.length) throw new ValidationFault(missing);
      this.checkUnique(session, definition, records, new Set(inserts.map(([, record]) => record)));
      await this.checkListed(session, definition, [
        ...inserts.map(([, record]) => ({ before: undefined, after: record })),
        ...updates.map(([profile, after]) => ({ before: profile.storedRecord(), after })),
      ]);
      session.overlay.attempting(definition, records.map((record) => record[definition.primary.name] as KeyValue));
      const fault = (error: unknown) => writeFault(this.store.dialect, error, definition);
      const mode = modeOf(options.queue, fault, session.step);
      for (const [database, part] of this.byDatabase(definition, inserts, updates)) {
        const db = await session.writer(database);
        try {
          await this.store.writer.insert(db, definition, part.inserts, mode);
          await this.store.writer.update(db, definition, part.changes, mode);
        } catch (error) {
          throw fault(error);
        }
      }
      for (const [profile, record] of [...inserts, ...updates]) {
        session.overlay.written(definition, record);
        saved.push([profile, record]);
      }
      const keysOf = (part: typeof inserts) => part.map(([, record]) => record[definition.primary.name] as KeyValue);
      session.written?.record(definition.name, keysOf(inserts), 'created');
      session.written?.record(definition.name, keysOf(updates), 'updated');
    }
    return saved;
  }

  private byDatabase(
    definition: CompiledDefinition,
    inserts: readonly (readonly [Profile, ProfileRecord])[],
    updates: readonly (readonly [Profile, ProfileRecord])[],
  ): Map<Knex, { inserts: ProfileRecord[]; changes: RecordChange[] }> {
    const parts = new Map<Knex, { inserts: ProfileRecord[]; changes: RecordChange[] }>();
    const part = (record: ProfileRecord) => {
      const database = this.placement.databaseOf(definition, record);
      const entry = parts.get(database) ?? { inserts: [], changes: [] };
      parts.set(database, entry);
      return entry;
    };
    for (const [, record] of inserts) part(record).inserts.push(record);
    for (const [profile, after] of updates) part(after).changes.push({ before: profile.storedRecord(), after });
    return parts;
  }

  /** The Profiles System's own uniqueness check: against this transaction's view and the cache, before any SQL. */
  private checkUnique(
    session: ProfileSession,
    definition: CompiledDefinition,
    records: readonly ProfileRecord[],
    inserted: ReadonlySet<ProfileRecord>,
  ): void {
    for (const property of definition.keyProperties) {
      const seen = new Map<unknown, unknown>();
      for (const record of records) {
        const value = record[property.name] as KeyValue;
        const key = record[definition.primary.name];
        if (seen.has(value) && seen.get(value) !== key) throw keyTakenFault(definition, property);
        seen.set(value, key);
        const holder = this.reads.cached(session, definition, property, value);
        const taken = holder && (holder[definition.primary.name] !== key || inserted.has(record));
        if (taken) throw keyTakenFault(definition, property);
      }
    }
  }

  /**
   * Where a list's link table can have no foreign key to its items (with partitions they may live in another
   * database), the items newly listed are read with shared locks, one statement per database: one that does not
   * exist is ItemDoesNotExistFault, as a foreign key would have it, and none can be deleted until this transaction
   * ends (a deletion deciding about it waits, then sees the new reference).
   */
  private async checkListed(
    session: ProfileSession,
    definition: CompiledDefinition,
    changes: readonly { before: ProfileRecord | undefined; after: ProfileRecord }[],
  ): Promise<void> {
    for (const list of definition.listProperties) {
      const target = this.definitions.get(list.references ?? '');
      if (this.placement.sameDatabase(definition, target)) continue;
      const listed = new Set<KeyValue>();
      for (const { before, after } of changes) {
        const had = new Set((before?.[list.name] as KeyValue[] | null | undefined) ?? []);
        for (const item of (after[list.name] as KeyValue[] | null) ?? []) if (!had.has(item)) listed.add(item);
      }
      if (listed.size === 0) continue;
      const found = new Set<KeyValue>();
      for (const [database, keys] of this.placement.route(target, target.primary, [...listed])) {
        for (const key of await this.store.references.existing(await session.writer(database), target, keys)) found.add(key);
      }
      const missing = [...listed].filter((key) => !found.has(key));
      if (missing.length) throw new ItemDoesNotExistFault(`${withArticle(target.name)} listed in ${definition.name}.${list.name} does not exist`);
    }
  }

  /**
   * Deletes profiles by primary key. Link rows listing them go too (by ON DELETE CASCADE where owner and item
   * share a database, by a DELETE in every database otherwise) and single references to them become null.
   */
  async delete(session: ProfileSession, definition: CompiledDefinition, given: readonly KeyValue[], options: DeleteOptions = {}): Promise<number> {
    if (given.length === 0) return 0;
    const keys = [...new Set(given)];
    if (session.written) await this.lockUncertain(session, definition, keys);
    let count = 0;
    const removed: KeyValue[] = [];
    session.overlay.attempting(definition, keys);
    const mode = modeOf(options.queue, asItIs, session.step);
    for (const [database, wanted] of this.placement.route(definition, definition.primary, keys)) {
      const db = await session.writer(database);
      if (mode.queue && wanted.every((key) => session.holds(definition, key))) {
        // Each exists until the transaction ends: the DELETE removes them all, and its count need not be waited for.
        await this.store.writer.deleteHeld(db, definition, wanted, mode);
        count += wanted.length;
        removed.push(...wanted);
        continue;
      }
      const deleted = await this.store.writer.delete(db, definition, wanted);
      count += deleted;
      removed.push(...(deleted === wanted.length ? wanted : wanted.filter((key) => session.holds(definition, key))));
    }
    // Link rows and referencing rows live where their owner does: each database is sent only the statements for
    // the definitions it holds.
    const unlinked = this.definitions.linksTo(definition.name).filter(({ from }) => !this.placement.sameDatabase(from, definition));
    const cleared = (options.clearReferences ?? true) ? this.definitions.singleReferencesTo(definition.name) : [];
    for (const database of this.placement.all()) {
      const here = ({ from }: Reference) => this.placement.databasesOf(from).includes(database);
      const links = unlinked.filter(here);
      const references = cleared.filter(here);
      if (links.length === 0 && references.length === 0) continue;
      const db = await session.writer(database);
      await this.store.writer.removeLinks(db, links, keys, mode);
      await this.store.writer.clearReferences(db, references, keys, mode);
    }
    session.overlay.deleted(definition, keys);
    session.written?.record(definition.name, removed, 'deleted');
    return count;
  }

  /**
   * A DELETE's row count tells which profiles it removed only when at most one of them might not exist: where more
   * are in doubt (neither written nor locked by this transaction), they are read with locks first, in one statement.
   */
  private async lockUncertain(session: ProfileSession, definition: CompiledDefinition, keys: readonly KeyValue[]): Promise<void> {
    const uncertain = keys.filter((key) => !session.holds(definition, key));
    if (uncertain.length > 1) await this.reads.read(session, definition, definition.primary, uncertain, { lock: 'update' });
  }
}
