import Database from 'better-sqlite3';
import { ItemAlreadyExistsFault } from '../../src/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachDatabase, type DatabaseTarget } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startFoundation, type Started } from '../support/startFoundation.js';
import { createUser, queryBy } from '../support/userProfiles.js';

/**
 * The framework sends its hot statements on the driver's connection rather than through knex's query builder; a
 * listener on the knex still hears how each ended, as knex tells it of its own: 'query-response' with the driver's
 * answer, 'query-error' with its error.
 */
forEachDatabase((target) => {
  let s: Started;
  const answered: string[] = [];
  const failed: { sql: string; error: unknown }[] = [];

  beforeEach(async () => {
    answered.length = 0;
    failed.length = 0;
    s = await startFoundation(target);
    s.foundation.knex.on('query-response', (_response: unknown, query: { sql: string }) => answered.push(query.sql));
    s.foundation.knex.on('query-error', (error: unknown, query: { sql: string }) => failed.push({ sql: query.sql, error }));
  });
  afterEach(() => s.stop());

  test("a lone read, a transaction's statements and a failed INSERT are told to the knex's listeners", async () => {
    await createUser(s.foundation, { id: 'u1', email: 'ann@example.com' });
    expect(answered.some((sql) => /^insert into .user_object./i.test(sql))).toBe(true);
    // The transaction's own statements too: its BEGIN first, its COMMIT last.
    expect(answered[0]).toMatch(/^BEGIN/);
    expect(answered.at(-1)).toBe('COMMIT;');

    await s.foundation.profileManagement.refreshProfileCache();
    answered.length = 0;
    await s.foundation.processRequest(queryBy('email', 'ann@example.com'));
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatch(/^select/i);

    // With the cache emptied, the taken email is found by the INSERT itself, not before it.
    await s.foundation.profileManagement.refreshProfileCache();
    const fault = await createUser(s.foundation, { id: 'u2', email: 'ann@example.com' }).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ItemAlreadyExistsFault);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.sql).toMatch(/^insert into .user_object./i);
    // The driver's own error (not toBeInstanceOf(Error): the drivers' errors come from another realm than the test's).
    expect(String((failed[0]?.error as { code?: unknown } | undefined)?.code)).toMatch(/^(SQLITE_CONSTRAINT_UNIQUE|ER_DUP_ENTRY)$/);
    // The failed transaction's ROLLBACK is answered, and no COMMIT was sent for it.
    expect(answered.at(-1)).toBe('ROLLBACK');
  });
});

// Only SQLite's BEGIN can be made to fail from outside: it is tried again while another connection holds the write lock.
describe('on SQLite alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-query-events-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const target: DatabaseTarget = { label: 'SQLite', create: () => Promise.resolve({ client: 'sqlite', filename: join(dir, 'db.sqlite') }) };

  test("a failing BEGIN is told as 'query-error' while another connection holds the write lock", async () => {
    const s = await startFoundation(target);
    const answered: string[] = [];
    const failed: { sql: string; error: unknown }[] = [];
    s.foundation.knex.on('query-response', (_response: unknown, query: { sql: string }) => answered.push(query.sql));
    s.foundation.knex.on('query-error', (error: unknown, query: { sql: string }) => failed.push({ sql: query.sql, error }));
    try {
      const other = new Database(join(dir, 'db.sqlite'));
      other.exec('BEGIN IMMEDIATE');
      const creating = createUser(s.foundation, { id: 'u3', email: 'cid@example.com' });
      await eventually(() => expect(failed.length).toBeGreaterThan(0));
      other.exec('ROLLBACK');
      other.close();
      await creating;
      // Each BEGIN IMMEDIATE that met the lock failed with SQLITE_BUSY and was told so; the one after the lock went was answered.
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every(({ sql }) => sql === 'BEGIN IMMEDIATE;')).toBe(true);
      expect(String((failed[0]?.error as { code?: unknown } | undefined)?.code)).toBe('SQLITE_BUSY');
      expect(answered).toContain('BEGIN IMMEDIATE;');
    } finally {
      await s.stop();
    }
  });
});
