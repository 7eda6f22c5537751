import type { SqlTarget } from '../../storage/dialects/driverStatement.js';
import type { Knex } from 'knex';
import type { LockMode } from '../../storage/dialects/Dialect.js';
import type { CompiledDefinition, KeyValue } from '../definitions/CompiledDefinition.js';
import type { ResolvedSearch } from '../search/ProfileSearch.js';
import { mergePages } from '../search/mergePages.js';
import type { ProfileLoader } from '../store/ProfileLoader.js';
import type { ProfilePlacement } from '../store/ProfilePlacement.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';
import type { ProfileReads } from './ProfileReads.js';
import type { ProfileSession } from './ProfileSession.js';
import { flatMap } from '../../util/flatMap.js';

export interface SearchReadOptions {
  /** Lock the profiles found (an Update or a Delete that found them by a search). */
  readonly lock?: LockMode | undefined;
  /** Reference properties whose profiles to read as well, in one more statement for all of them. */
  readonly include?: readonly string[] | undefined;
}

/**
 * Searches run by the database: a page in one statement (WHERE, ORDER BY with the primary key last, LIMIT/OFFSET),
 * the total in one more, what the page references in one more. Over partitions every database is asked at once for
 * its first offset + limit profiles in order, and the pages are merged; the total is the sum.
 */
export class ProfileSearches {
  constructor(
    private readonly loader: ProfileLoader,
    private readonly reads: ProfileReads,
    private readonly placement: ProfilePlacement,
  ) {}

  async search(session: ProfileSession, definition: CompiledDefinition, search: ResolvedSearch, options: SearchReadOptions = {}): Promise<{ records: ProfileRecord[]; total?: number }> {
    const databases = this.placement.databasesOf(definition);
    const shared = databases.length > 1;
    const answers = await Promise.all(databases.map((database) => this.ask(session, database, definition, search, options.lock, shared)));
    const records = shared ? mergePages(answers.map((a) => a.shares), definition, search) : flatMap(answers, (a) => a.records);
    const seen = records.map((record) => {
      const key = record[definition.primary.name] as KeyValue;
      return session.overlay.get(definition.name, key) ?? record;
    });
    if (options.include?.length) await this.reads.readIncluded(session, definition, seen, options.include);
    return search.count ? { records: seen, total: answers.reduce((sum, a) => sum + (a.total ?? 0), 0) } : { records: seen };
  }

  /** One database's page (with several, its first offset + limit rows) and count, each record put in this transaction's view. */
  private async ask(session: ProfileSession, database: Knex, definition: CompiledDefinition, search: ResolvedSearch, lock: LockMode | undefined, share: boolean) {
    const stamp = session.stampFor(database);
    const db: SqlTarget = lock ? await session.writer(database) : await session.reader(database);
    const limit = search.limit === undefined ? undefined : search.offset + search.limit;
    const shares = share ? await this.loader.searchShare(db, definition, search, limit, lock) : [];
    const records = share ? shares.map((s) => s.record) : await this.loader.searchPage(db, definition, search, lock);
    for (const record of records) session.overlay.loaded(definition, record, stamp, Boolean(lock), lock);
    const total = search.count ? await this.loader.searchCount(db, definition, search) : undefined;
    return { records, shares, total };
  }
}
