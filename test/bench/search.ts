import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import mysql from 'mysql2/promise';
import { CommerceQuery, createCommerceFoundation, type CommerceFoundation, type UserProfile } from '../../src/index.js';
import type { BenchDatabase } from './benchDatabases.js';
import { measure, type MeasureOptions, type Side } from './measure.js';

export const searchUsers = 100_000;
const page = { offset: 5_000, limit: 50 };
const lastNames = ['Berg', 'Dahl', 'Eide', 'Hansen', 'Holm', 'Larsen', 'Lee', 'Lewis', 'Lund', 'Moen', 'Nilsen', 'Olsen', 'Strand', 'Vik'];
const columns = 'user_id, email_address, first_name, last_name, tel_number, account_status, date_created, date_last_changed';
const pageSql = `SELECT ${columns} FROM user_object ORDER BY last_name, user_id LIMIT ? OFFSET ?`;
const countSql = 'SELECT COUNT(*) AS n FROM user_object';
const lastNameIndex = 'user_object_last_name_index';

export interface SearchRow {
  readonly name: string;
  readonly frameworkMs: number;
  readonly knexMs: number;
  readonly rawMs: number;
}

export interface SearchResults {
  /** Seconds to store the users through the Profiles System (saveProfiles, 5,000 a statement). */
  readonly seedSeconds: number;
  readonly rows: readonly SearchRow[];
}

type Row = Record<string, unknown>;

/** What each side answers: the page as entities, and the total. */
const entity = (row: Row) => ({
  modelName: 'UserProfile',
  id: row['user_id'],
  email: row['email_address'],
  firstName: row['first_name'] ?? undefined,
  lastName: row['last_name'] ?? undefined,
  telephone: row['tel_number'] ?? undefined,
  accountStatus: row['account_status'] ?? undefined,
  dateCreated: row['date_created'] instanceof Date ? row['date_created'].toISOString() : row['date_created'],
  dateModified: row['date_last_changed'] instanceof Date ? row['date_last_changed'].toISOString() : row['date_last_changed'],
});

async function seed(foundation: CommerceFoundation): Promise<number> {
  const started = performance.now();
  const { profiles } = foundation;
  for (let from = 0; from < searchUsers; from += 5000) {
    const batch = Array.from({ length: 5000 }, (_, k) => {
      const i = from + k;
      return profiles
        .newProfile(`search-${String(i).padStart(6, '0')}`, 'UserObject')
        .set('GeneralInfo.email_address', `search${i}@example.com`)
        .set('GeneralInfo.first_name', `First${i % 97}`)
        .set('GeneralInfo.last_name', `${lastNames[(i * 5) % lastNames.length] ?? 'Lee'}${i % 1000}`)
        .set('AccountInfo.account_status', i % 3);
    });
    await profiles.saveProfiles(batch);
  }
  return (performance.now() - started) / 1000;
}

/** The page through the raw driver: better-sqlite3's prepared statements, or one mysql2 connection. */
async function rawDriver(database: BenchDatabase): Promise<{ run: () => Promise<unknown>; close: () => Promise<void> }> {
  const { config } = database;
  if (typeof config === 'string') throw new Error('the bench databases are configured by object');
  if (config.client === 'sqlite') {
    const db = new Database(config.filename);
    const pageOf = db.prepare(pageSql);
    const count = db.prepare(countSql);
    return {
      run: () => Promise.resolve({ commerceEntities: (pageOf.all(page.limit, page.offset) as Row[]).map(entity), totalItemCount: (count.get() as Row)['n'] }),
      close: () => Promise.resolve(void db.close()),
    };
  }
  const connection = await mysql.createConnection({ uri: typeof config.connection === 'string' ? config.connection : '', timezone: 'Z' });
  return {
    async run() {
      const [rows] = await connection.query(pageSql, [page.limit, page.offset]);
      const [[total]] = (await connection.query(countSql)) as unknown as [[Row]];
      return { commerceEntities: (rows as Row[]).map(entity), totalItemCount: Number(total['n']) };
    },
    close: () => connection.end(),
  };
}

/** The page by hand with knex: the query builder, no transaction (the framework begins none for a read). */
async function withKnex(knex: Knex) {
  const rows = (await knex('user_object').select(columns.split(', ')).orderBy([{ column: 'last_name' }, { column: 'user_id' }]).limit(page.limit).offset(page.offset)) as Row[];
  const [total] = await knex('user_object').count<Row[]>({ n: '*' });
  return { commerceEntities: rows.map(entity), totalItemCount: Number(total?.['n']) };
}

/** Each side in turn, in alternating order per round; the median per side of its per-round medians. */
async function three(sides: readonly Side[], options: MeasureOptions): Promise<number[]> {
  const rounds: number[][] = sides.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? sides.map((_, i) => i) : sides.map((_, i) => sides.length - 1 - i);
    for (const i of order) rounds[i]?.push(await measure(sides[i] as Side, { ...options, rounds: 1 }));
  }
  return rounds.map((samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0);
}

/**
 * 7. Search: a page of 50 users sorted by lastName, with the total, out of 100,000 — the framework's Query, the same
 * by hand with knex, and through the raw driver; with the shipped index on last_name, then without it.
 */
export async function searchBench(database: BenchDatabase, options: MeasureOptions): Promise<SearchResults> {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-search-'));
  const foundation = await createCommerceFoundation({ root, database: database.config });
  const raw = await rawDriver(database);
  try {
    const seedSeconds = await seed(foundation);
    const query = new CommerceQuery<UserProfile>('UserProfile');
    Object.assign(query.searchCriteria, { sortProperties: [{ property: 'lastName', sortDirection: 'Ascending' }], firstItemIndex: page.offset, numberOfItemsToReturn: page.limit, returnTotalItemCount: true });
    const sides: Side[] = [{ run: () => foundation.processRequest(query) }, { run: () => withKnex(foundation.knex) }, { run: raw.run }];
    const [framework, knexSide, rawSide] = await three(sides, options);
    const rows: SearchRow[] = [{ name: `page of ${page.limit} at ${page.offset} by lastName, with the total (index on last_name)`, frameworkMs: framework ?? 0, knexMs: knexSide ?? 0, rawMs: rawSide ?? 0 }];
    const { knex } = foundation;
    await knex.schema.alterTable('user_object', (t) => t.dropIndex(['last_name'], lastNameIndex));
    try {
      const [f, k, r] = await three(sides, { ...options, rounds: Math.min(options.rounds, 3) });
      rows.push({ name: 'the same without the index', frameworkMs: f ?? 0, knexMs: k ?? 0, rawMs: r ?? 0 });
    } finally {
      await knex.schema.alterTable('user_object', (t) => t.index(['last_name'], lastNameIndex));
    }
    return { seedSeconds, rows };
  } finally {
    await raw.close();
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
