import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import type { CompiledDefinition, CompiledProperty, KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { ProfileSearchOptions, ProfileSearchResult } from '../search/ProfileSearch.js';
import { resolveDefinitionSearch } from '../search/resolveDefinitionSearch.js';
import type { ProfileSearches, SearchReadOptions } from './ProfileSearches.js';
import { ValidationFault } from '../../faults/ValidationFault.js';
import type { PropertyType } from '../definitions/profileDefinitionSchema.js';
import type { Decision } from '../store/Decision.js';
import type { ProfilePlacement } from '../store/ProfilePlacement.js';
import type { ProfileStore } from '../store/ProfileStore.js';
import type { ReferenceRow } from '../store/ReferenceRow.js';
import type { DecisionLocks, LockRequest } from './DecisionLocks.js';
import { newRecord, Profile, type ProfileOwner } from './Profile.js';
import { checkKeyValue, includedProperty, keyProperty, type ProfileReads, type ReadOptions } from './ProfileReads.js';
import type { DeleteOptions, ProfileWrites, QueueOptions, SaveOptions } from './ProfileWrites.js';
import type { SessionSource } from './SessionSource.js';
import type { UserBlocking } from './UserBlocking.js';
import { keyTakenFault } from './writeFaults.js';
import { UnusedProfilesFinder } from './unused/UnusedProfilesFinder.js';
import { UnusedProfiles, type ProfileRef } from './unused/UnusedProfiles.js';

const noIncludes: readonly CompiledProperty[] = [];

/** The arguments of a call that names one profile: by its primary key, or by a key property's name and value. */
type ProfileLocation<O> = [keyValue: KeyValue, profileType: string, options?: O | undefined] | [keyName: string, keyValue: KeyValue, profileType: string, options?: O | undefined];

/** What `call` resolves, every failure of it in the caller's words when it queues its writes with a `fault` (see QueueOptions). */
async function inWords<T>(queue: QueueOptions | undefined, call: () => Promise<T>): Promise<T> {
  const words = queue?.fault;
  if (!words) return call();
  try {
    return await call();
  } catch (error) {
    throw words(error);
  }
}

export interface ProfileServices {
  readonly definitions: DefinitionSet;
  readonly store: ProfileStore;
  readonly reads: ProfileReads;
  readonly writes: ProfileWrites;
  readonly placement: ProfilePlacement;
  readonly locks: DecisionLocks;
  readonly blocking: UserBlocking;
  readonly searches: ProfileSearches;
}

/**
 * The Profiles System's run-time API (ProfileContext in Commerce Server). Outside an operation each call runs in a
 * transaction of its own; inside one (`context.profiles`) every call runs in the operation's transaction, and
 * the cache takes what it did only when that transaction commits.
 */
export class ProfileContext implements ProfileOwner {
  constructor(
    private readonly services: ProfileServices,
    private readonly sessions: SessionSource,
  ) {}

  private locate<O>(args: ProfileLocation<O>) {
    const [first, second, third, fourth] = args;
    const byName = typeof third === 'string';
    const definition = this.services.definitions.get(String(byName ? third : second));
    const key = byName ? keyProperty(definition, String(first)) : definition.primary;
    const value = checkKeyValue(key, byName ? second : first);
    return { definition, key, value, options: byName ? fourth : third };
  }

  private wrap(definition: CompiledDefinition, record: Parameters<typeof Profile.prototype.accept>[0]): Profile {
    return new Profile(definition, record, true, this);
  }

  /** A profile by its PRIMARY key, or by any key property; null when there is none. */
  getProfile(keyValue: KeyValue, profileType: string, options?: ReadOptions): Promise<Profile | null>;
  getProfile(keyName: string, keyValue: KeyValue, profileType: string, options?: ReadOptions): Promise<Profile | null>;
  async getProfile(...args: ProfileLocation<ReadOptions>): Promise<Profile | null> {
    const { definition, key, value, options } = this.locate(args);
    const cache = this.sessions.directCache;
    if (cache && !options) {
      const cached = key === definition.primary ? cache.get(definition.name, value) : cache.find(definition.name, key.name, value);
      if (cached) return this.wrap(definition, cached);
    }
    const [record] = await this.sessions.run((s) => this.services.reads.read(s, definition, key, [value], options));
    return record ? this.wrap(definition, record) : null;
  }

  /** knownProfile's and getProfileNow's profile, checked as getProfile checks it, with the reference properties `include` names. */
  private byKeyName(keyName: string, keyValue: KeyValue, profileType: string, options: Pick<ReadOptions, 'include'> | undefined) {
    const definition = this.services.definitions.get(profileType);
    const key = keyProperty(definition, keyName);
    const value = checkKeyValue(key, keyValue);
    const includes = options?.include?.length ? options.include.map((name) => includedProperty(definition, name)) : noIncludes;
    return { definition, key, value, includes };
  }

  /**
   * What `getProfile(keyName, keyValue, profileType, { include })` would answer, when this context's view and the
   * cache answer it without SQL: the profile, or null when this context deleted it, with every profile `include`
   * names known too; undefined where getProfile would read the store. No promise is made, so a component that finds
   * what it needs here can finish in the caller's turn (see runSequence). A key or value getProfile would refuse is
   * refused here, alike.
   */
  knownProfile(keyName: string, keyValue: KeyValue, profileType: string, options?: Pick<ReadOptions, 'include'>): Profile | null | undefined {
    const { definition, key, value, includes } = this.byKeyName(keyName, keyValue, profileType, options);
    const record = this.services.reads.known(this.sessions.viewSession, definition, key, value, includes);
    return record ? this.wrap(definition, record) : record;
  }

  /**
   * getProfile(keyName, keyValue, profileType, options), answered in this turn where it can be: from this context's
   * view and the cache (see knownProfile), or, inside an operation, by a lone read the store answers at once
   * (SQLite's connection while it is free); else the promise getProfile answers. A component that gets no promise
   * can go on in the caller's turn (see runSequence). Faults alike, thrown where no promise is made.
   */
  getProfileNow(keyName: string, keyValue: KeyValue, profileType: string, options?: ReadOptions): Profile | null | Promise<Profile | null> {
    if (options?.lock || options?.fresh) return this.getProfile(keyName, keyValue, profileType, options);
    const { definition, key, value, includes } = this.byKeyName(keyName, keyValue, profileType, options);
    const session = this.sessions.viewSession;
    const record = session ? this.services.reads.readNow(session, definition, key, value, includes) : this.services.reads.known(undefined, definition, key, value, includes);
    if (record === undefined) return this.getProfile(keyName, keyValue, profileType, options);
    if (record instanceof Promise) return record.then((found) => found && this.wrap(definition, found));
    return record && this.wrap(definition, record);
  }

  /** Profiles by primary key (or by `options.keyName`), in one statement for those not cached; absent ones are left out. */
  async getProfiles(keyValues: readonly KeyValue[], profileType: string, options: ReadOptions & { keyName?: string } = {}): Promise<Profile[]> {
    const definition = this.services.definitions.get(profileType);
    const key = options.keyName ? keyProperty(definition, options.keyName) : definition.primary;
    const values = keyValues.map((v) => checkKeyValue(key, v));
    const records = await this.sessions.run((s) => this.services.reads.read(s, definition, key, values, options));
    return records.map((record) => this.wrap(definition, record));
  }

  /**
   * The profiles of a type that a filter matches, in order, one page of them, and with `count` how many match in all:
   * the database filters, sorts, pages and counts (see ProfileSearches). Names are the definition's properties
   * (`GeneralInfo.last_name`); a filter, sort or page that does not fit them is a ValidationFault naming its path,
   * before any SQL. `read` locks what it finds, or reads what it references too.
   */
  async searchProfiles(profileType: string, options: ProfileSearchOptions = {}, read: SearchReadOptions = {}): Promise<ProfileSearchResult> {
    const definition = this.services.definitions.get(profileType);
    const { search, errors } = resolveDefinitionSearch(definition, this.services.definitions, options);
    if (!search) throw new ValidationFault(errors);
    const { records, total } = await this.sessions.run((s) => this.services.searches.search(s, definition, search, read));
    const profiles = records.map((record) => this.wrap(definition, record));
    return total === undefined ? { profiles } : { profiles, totalCount: total };
  }

  /**
   * For each owner, one page of the profiles it lists in the multi-valued reference `listProperty`, sorted by `sort`
   * (profile properties of the items; then their place in the list), with how many it lists: one statement for all
   * the owners, sorted and paged by the database. Undefined where the store cannot join them (owners and items in
   * different databases): the caller pages in memory.
   */
  async relatedPages(
    profileType: string,
    listProperty: string,
    ownerKeys: readonly KeyValue[],
    options: Pick<ProfileSearchOptions, 'sort' | 'offset' | 'limit'>,
  ): Promise<Map<KeyValue, { profiles: Profile[]; total: number }> | undefined> {
    const { definitions, placement, store } = this.services;
    const owner = definitions.get(profileType);
    const list = owner.byName.get(listProperty);
    if (!list?.multiValued) throw ValidationFault.of(listProperty, `${listProperty} is no list of ${owner.name}`);
    const item = definitions.get(list.references ?? '');
    if (!placement.sameDatabase(owner, item)) return undefined;
    const { search, errors } = resolveDefinitionSearch(item, definitions, options);
    if (!search) throw new ValidationFault(errors);
    const keys = ownerKeys.map((k) => checkKeyValue(owner.primary, k));
    const pages = new Map<KeyValue, { profiles: Profile[]; total: number }>();
    await this.sessions.run(async (s) => {
      for (const [database, wanted] of keys.length ? placement.route(owner, owner.primary, keys) : []) {
        for (const [key, { records, total }] of await store.loader.relatedPages(await s.reader(database), owner, list, item, wanted, search)) {
          pages.set(key, { profiles: records.map((record) => this.wrap(item, record)), total });
        }
      }
    });
    return pages;
  }

  /**
   * Reads profiles of several types (by primary key) into this context, in one statement for all those not cached
   * yet, so that the `getProfile`/`getProfiles` calls that follow find them without SQL.
   */
  async preloadProfiles(requests: readonly { readonly profileType: string; readonly keys: readonly KeyValue[] }[]): Promise<void> {
    const parts = requests.map(({ profileType, keys }) => {
      const definition = this.services.definitions.get(profileType);
      return { definition, keys: keys.map((k) => checkKeyValue(definition.primary, k)) };
    });
    await this.sessions.run((s) => this.services.reads.readMany(s, parts) ?? Promise.resolve());
  }

  /**
   * Profiles by primary key from this context's view and the cache only: no SQL, and possibly not the latest. Those
   * unknown there (or deleted in this context) are left out. Answered at once, not as a promise.
   */
  peekProfiles(primaryKeys: readonly KeyValue[], profileType: string): Profile[] {
    const definition = this.services.definitions.get(profileType);
    const session = this.sessions.viewSession;
    const profiles: Profile[] = [];
    for (const key of primaryKeys) {
      const record = this.services.reads.cached(session, definition, definition.primary, key);
      if (record) profiles.push(this.wrap(definition, record));
    }
    return profiles;
  }

  /** A new profile, not stored until `update()`; its PRIMARY key value must be given. No check is made yet. */
  newProfile(primaryKey: KeyValue, profileType: string): Profile {
    const definition = this.services.definitions.get(profileType);
    const key = checkKeyValue(definition.primary, primaryKey);
    return new Profile(definition, newRecord(definition, key), false, this);
  }

  /** A new profile, not stored until `update()`; `ItemAlreadyExistsFault` when one with this PRIMARY key exists. */
  async createProfile(primaryKey: KeyValue, profileType: string): Promise<Profile> {
    const profile = this.newProfile(primaryKey, profileType);
    if (await this.getProfile(primaryKey, profileType)) throw keyTakenFault(profile.definition, profile.definition.primary);
    return profile;
  }

  /**
   * Stores new and changed profiles: one INSERT and one UPDATE per definition, whatever their number. With `queue`,
   * the statements may still be on their way when this resolves, and `queue.fault` words every failure of the call,
   * whether it throws it or a later statement does (see QueueOptions).
   */
  async saveProfiles(profiles: readonly Profile[], options?: SaveOptions): Promise<void> {
    const saved = await inWords(options?.queue, () => this.sessions.run((s) => this.services.writes.save(s, profiles, options)));
    for (const [profile, record] of saved) profile.accept(record);
  }

  async refreshProfile(profile: Profile): Promise<void> {
    const { definition } = profile;
    const [record] = await this.sessions.run(async (s) => {
      const records = await this.services.reads.read(s, definition, definition.primary, [profile.primaryKey], { fresh: true });
      if (records.length === 0) s.overlay.deleted(definition, [profile.primaryKey]);
      return records;
    });
    if (!record) throw new ItemDoesNotExistFault(`This ${definition.name} profile no longer exists in the store`);
    profile.accept(record);
  }

  /** Deletes a profile by its PRIMARY key or by any key; resolves whether there was one. */
  deleteProfile(keyValue: KeyValue, profileType: string, options?: DeleteOptions): Promise<boolean>;
  deleteProfile(keyName: string, keyValue: KeyValue, profileType: string, options?: DeleteOptions): Promise<boolean>;
  async deleteProfile(...args: ProfileLocation<DeleteOptions>): Promise<boolean> {
    const { definition, key, value, options } = this.locate(args);
    const count = await this.sessions.run(async (s) => {
      const primaryKeys =
        key === definition.primary
          ? [value]
          : (await this.services.reads.read(s, definition, key, [value], { lock: 'update' })).map((r) => r[definition.primary.name] as KeyValue);
      return this.services.writes.delete(s, definition, primaryKeys, options);
    });
    return count > 0;
  }

  /** Deletes profiles by primary key in one statement; resolves how many there were. */
  deleteProfiles(primaryKeys: readonly KeyValue[], profileType: string, options?: DeleteOptions): Promise<number> {
    return inWords(options?.queue, () => {
      const definition = this.services.definitions.get(profileType);
      const keys = primaryKeys.map((k) => checkKeyValue(definition.primary, k));
      return this.sessions.run((s) => this.services.writes.delete(s, definition, keys, options));
    });
  }

  /** Every stored reference to the given profiles, from any definition (locking reads with `lock`). */
  findReferrers(profileType: string, primaryKeys: readonly KeyValue[], options: ReadOptions = {}): Promise<ReferenceRow[]> {
    const definition = this.services.definitions.get(profileType);
    return this.sessions.run(async (s) => {
      const rows: ReferenceRow[] = [];
      for (const database of this.services.placement.all()) {
        const db = options.lock ? await s.writer(database) : await s.reader(database);
        rows.push(...(await this.services.store.references.referrers(db, definition, primaryKeys, options.lock)));
      }
      return rows;
    });
  }

  /**
   * Locks profiles to decide about them: for each profile that exists, whether anything but the `excluded` profiles
   * refers to it, and what it references (read with locks: the latest state, kept so until the transaction ends).
   */
  lockForDecision(requests: readonly LockRequest[]): Promise<Decision[]> {
    return this.services.locks.lock(this.sessions, requests);
  }

  /** The profile definitions in use. */
  get definitions(): DefinitionSet {
    return this.services.definitions;
  }

  /**
   * Which profiles `owner` refers to through the reference properties `through` (`GeneralInfo.address_list`, …)
   * nothing will use once it is deleted — no other profile of any definition — and, of the same types, what those
   * profiles refer to (a card's billing address) that nothing else uses. Each comes with the profiles that must go
   * before it (its card, for a billing address). Read with locks, in a fixed number of statements: until this
   * transaction ends no one can start using them. `owner` may be several profiles of one definition, deleted
   * together (a bulk Delete): what only they use goes, in the same fixed number of statements.
   */
  async unusedAfterDeleting(owner: Profile | readonly Profile[], through: readonly string[]): Promise<UnusedProfiles> {
    const owners = Array.isArray(owner) ? (owner as readonly Profile[]) : [owner as Profile];
    const [first, ...rest] = owners;
    if (!first) return new UnusedProfiles([]);
    return new UnusedProfiles(await UnusedProfilesFinder.afterDeleting(this, this.services.definitions, [first, ...rest], through));
  }

  /**
   * Which of the profiles `owner` has let go of (it stays, without them; its pending changes say what it still
   * refers to) nothing uses any more. Read with locks, in one statement.
   */
  async unusedAfterReleasing(owner: Profile, released: readonly ProfileRef[]): Promise<UnusedProfiles> {
    return new UnusedProfiles(await UnusedProfilesFinder.afterReleasing(this, this.services.definitions, owner, released));
  }

  /** Denies a user access: written to the store at once, so that it holds on every server. */
  async blockUser(userId: string): Promise<void> {
    return this.services.blocking.block(this.sessions, userId);
  }

  async unblockUser(userId: string): Promise<boolean> {
    return this.services.blocking.unblock(this.sessions, userId);
  }

  /** Read from the store, never from a cache. */
  async isUserBlocked(userId: string): Promise<boolean> {
    return this.services.blocking.isBlocked(this.sessions, userId);
  }

  /** @internal */
  keyTypeOf(definition: CompiledDefinition, propertyName: string): PropertyType | undefined {
    const references = definition.byName.get(propertyName)?.references;
    return references ? this.services.definitions.get(references).primary.type : undefined;
  }
}
