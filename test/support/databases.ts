import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseConfig } from '../../src/config/databaseConfigSchema.js';
import { describeIf } from './skippable.js';
import { stopStartedFoundations } from './startFoundation.js';

export const mysqlUrl = process.env['COMMERCE_TEST_MYSQL_URL'];
export const redisUrl = process.env['COMMERCE_TEST_REDIS_URL'];
export const testDatabasePrefix = 'cft_';

export interface DatabaseTarget {
  readonly label: 'SQLite' | 'MariaDB';
  /** A new, empty database for one test; dropped when the suite ends. */
  create(): Promise<DatabaseConfig>;
}

function sqliteTarget(): DatabaseTarget {
  let dir: string | undefined;
  let count = 0;
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));
  return {
    label: 'SQLite',
    create() {
      dir ??= mkdtempSync(join(tmpdir(), 'cf-sqlite-'));
      return Promise.resolve({ client: 'sqlite', filename: join(dir, `db${++count}.sqlite`) });
    },
  };
}

/** `mysql://root@host:3306/commerce_test` → the same server, another database. */
export function mysqlUrlFor(database: string, base = mysqlUrl ?? ''): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

type SessionConnection = { query(sql: string, done: (error: unknown) => void): void };

function mysqlTarget(): DatabaseTarget {
  let admin: Knex | undefined;
  const created: string[] = [];
  afterAll(async () => {
    if (!admin) return;
    try {
      // A transaction a failed test left open holds its tables: the DROP then fails within the session's
      // lock_wait_timeout (below) instead of outlasting the hook, and the admin connection is closed all the same.
      for (const name of created) await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
    } finally {
      await admin.destroy();
    }
  });
  return {
    label: 'MariaDB',
    async create() {
      admin ??= knexFactory({
        client: 'mysql2',
        connection: { uri: mysqlUrl },
        pool: { min: 0, max: 1, afterCreate: (conn: SessionConnection, done: (error: unknown, conn: unknown) => void) => conn.query('SET SESSION lock_wait_timeout = 20', (error) => done(error, conn)) },
      } as Knex.Config);
      const name = `${testDatabasePrefix}${process.pid}_${Date.now().toString(36)}_${created.length}`;
      await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      created.push(name);
      return { client: 'mysql', connection: mysqlUrlFor(name) };
    },
  };
}

/**
 * Without COMMERCE_TEST_MYSQL_URL the MariaDB suite is still declared, skipped, so that the run counts every test it
 * did not run (the skipped-tests reporter sums them up by the reason in the title).
 */
function onMariaDb(title: string, suite: (target: DatabaseTarget) => void): void {
  describeIf(Boolean(mysqlUrl), 'COMMERCE_TEST_MYSQL_URL is not set', title, () => suite(mysqlTarget()));
}

/** Runs a suite on SQLite, and on MariaDB when COMMERCE_TEST_MYSQL_URL is set (skipped visibly otherwise). */
export function forEachDatabase(suite: (target: DatabaseTarget) => void): void {
  afterEach(stopStartedFoundations);
  describe('on SQLite', () => suite(sqliteTarget()));
  onMariaDb('on MariaDB', suite);
}

/** A suite that needs MariaDB itself (partitions are MySQL/MariaDB databases); skipped visibly without it. */
export function onMariaDbOnly(title: string, suite: (target: DatabaseTarget) => void): void {
  afterEach(stopStartedFoundations);
  onMariaDb(`${title} on MariaDB`, suite);
}
