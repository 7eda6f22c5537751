import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { DatabaseError } from '../../src/index.js';
import { createKnex } from '../../src/storage/createKnex.js';
import { dialectOf } from '../../src/storage/dialects/dialects.js';
import { sqliteBusyTimeoutMs } from '../../src/storage/dialects/sqliteKnex.js';
import { forEachDatabase, onMariaDbOnly } from '../support/databases.js';
import { startFoundation, type Started } from '../support/startFoundation.js';
import { addressModel, createUser, deleteBy, queryBy, testEncryptionKey } from '../support/userProfiles.js';

const files = { 'config/commerce.json': { encryptionKey: testEncryptionKey } };
const statements = (response: { trace?: { sqlStatements: number }[] }) => (response.trace ?? []).reduce((sum, t) => sum + t.sqlStatements, 0);

/** The framework's own statements go to the driver's connection directly, and are still counted, logged and wrapped. */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files });
    await createUser(s.foundation, { id: 'ann', addresses: [addressModel('a1'), addressModel('a2')] });
    await s.foundation.profileManagement.refreshProfileCache();
    s.sql.reset();
  });

  test("a cold Query's statement is counted in the trace and its SQL text recorded, without the values bound to it", async () => {
    const response = await s.foundation.processRequest(queryBy('email', 'ann@example.com', 'Addresses'), { trace: true });
    expect(response.operationResponses[0].commerceEntities.map((u) => u.id)).toEqual(['ann']);
    const sent = s.sql.statements.filter((sql) => /^select/i.test(sql));
    expect(sent.length).toBeGreaterThan(0);
    expect(statements(response)).toBe(s.sql.count());
    expect(s.sql.statements.join('\n')).not.toContain('ann@example.com');
  });

  test('outside a transaction a statement borrows a pooled connection (on SQLite a read runs on the free one at once, or beside it) and gives it back; a failing one rejects with the driver error', async () => {
    const { knex } = s.foundation;
    const sql = dialectOf(knex);
    for (let i = 0; i < 30; i++) expect(await sql.rows(knex, `SELECT ${sql.id('email_address')} AS e FROM ${sql.id('user_object')} WHERE ${sql.id('email_address')} = ?`, ['ann@example.com'])).toHaveLength(1);
    const failure: unknown = await sql.rows(knex, 'SELECT nothing FROM no_such_table WHERE x = ?', ['secret@example.com']).catch((error: unknown) => error);
    const wrapped = DatabaseError.from(failure);
    expect(wrapped).toBeInstanceOf(DatabaseError);
    expect((wrapped as DatabaseError).message).not.toMatch(/secret|no_such_table/);
    // Every borrowed connection went back: a transaction still gets one (SQLite has exactly one).
    await knex.transaction(async (trx) => expect(await sql.rows(trx, 'SELECT 1 AS one', [])).toEqual([{ one: 1 }]));
  });

  test('a statement on a transaction that has ended is refused, not sent outside it', async () => {
    const { knex } = s.foundation;
    const sql = dialectOf(knex);
    const trx = await knex.transaction();
    await trx.commit();
    await expect(sql.rows(trx, 'SELECT 1 AS one', [])).rejects.toThrow('Transaction query already complete');
    expect(s.sql.count()).toBe(2);
  });

  test('a Delete still reads, locks and deletes through its transaction', async () => {
    const response = await s.foundation.processRequest(deleteBy('id', 'ann', 'Addresses'));
    expect(response.operationResponses[0].count).toBe(1);
    expect(await s.foundation.knex('address').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});

onMariaDbOnly('prepared statements', (target) => {
  let s: Started;
  beforeEach(async () => {
    // One connection: the session's statement counters are those of the connection the framework sends on.
    const database = await target.create();
    if (typeof database !== 'object' || database.client !== 'mysql') throw new Error('a MariaDB database was expected');
    s = await startFoundation(target, { files, database: { ...database, pool: { max: 1 } } });
    await createUser(s.foundation, { id: 'ann', addresses: [addressModel('a1')] });
  });

  async function counters(knex: Knex): Promise<{ prepared: number; executed: number }> {
    const [rows] = (await knex.raw("SHOW SESSION STATUS WHERE Variable_name IN ('Com_stmt_prepare', 'Com_stmt_execute')")) as [{ Variable_name: string; Value: string }[]];
    const value = (name: string) => Number(rows.find((row) => row.Variable_name === name)?.Value);
    return { prepared: value('Com_stmt_prepare'), executed: value('Com_stmt_execute') };
  }

  test("a cold Query's statement is prepared on the connection once, and then only executed with its values bound", async () => {
    const cold = async () => {
      await s.foundation.profileManagement.refreshProfileCache();
      const before = await counters(s.foundation.knex);
      const response = await s.foundation.processRequest(queryBy('email', 'ann@example.com', 'Addresses'));
      expect(response.operationResponses[0].commerceEntities[0]?.addresses?.map((a) => a.id)).toEqual(['a1']);
      const after = await counters(s.foundation.knex);
      return { prepared: after.prepared - before.prepared, executed: after.executed - before.executed };
    };
    const first = await cold();
    expect(first.executed).toBeGreaterThan(0);
    expect(first.prepared).toBe(first.executed);
    expect(await cold()).toEqual({ prepared: 0, executed: first.executed });
  });

  test('a locking read is sent as text (prepared, MariaDB locks a UNION in another order), the rest of a Delete prepared', async () => {
    const before = await counters(s.foundation.knex);
    s.sql.reset();
    await s.foundation.processRequest(deleteBy('id', 'ann', 'Addresses'));
    const sent = s.sql.statements.filter((sql) => /^(select|\(select|insert|update|delete)/i.test(sql));
    const after = await counters(s.foundation.knex);
    const locking = sent.filter((sql) => / FOR UPDATE| LOCK IN SHARE MODE/.test(sql));
    expect(locking.length).toBeGreaterThan(0);
    expect(after.executed - before.executed).toBe(sent.length - locking.length);
  });
});

describe('a writing SQLite transaction', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cf-begin-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('begins IMMEDIATE without waiting in the driver for a lock another connection holds, then waits as a statement would', async () => {
    const filename = join(dir, 'begin.sqlite');
    const knex = createKnex({ client: 'sqlite', filename });
    const other = new Database(filename);
    try {
      const sql = dialectOf(knex);
      await knex.raw('CREATE TABLE t (x INTEGER)');
      other.exec('BEGIN IMMEDIATE');
      // The other connection holds the write lock: each attempt to begin fails at once (busy_timeout 0) and is tried
      // again by the dialect without blocking the event loop, which keeps running timers meanwhile.
      let ticks = 0;
      const ticking = setInterval(() => ticks++, 5);
      const begun = sql.beginTransaction(knex, { writes: true });
      await new Promise((resolve) => setTimeout(resolve, 120));
      other.exec('COMMIT');
      const trx = await begun;
      clearInterval(ticking);
      expect(ticks).toBeGreaterThan(5);
      // Once begun, its statements wait for locks as long as ever.
      expect(await sql.rows(trx, 'PRAGMA busy_timeout', [])).toEqual([{ timeout: sqliteBusyTimeoutMs }]);
      await trx.commit();
    } finally {
      other.close();
      await knex.destroy();
    }
  });
});

describe('SQLite reads outside a transaction', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cf-reader-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const soon = <T>(promise: Promise<T>): Promise<T | 'waited'> => Promise.race([promise, new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 500))]);
  /** 0 on the pool's connection, 1 on the read-only one beside it. */
  const queryOnly = async (knex: Knex) => ((await dialectOf(knex).rows(knex, 'PRAGMA query_only', [])) as { query_only: number }[])[0]?.query_only;

  test("go to the pool's connection while it is free, and to a read-only one beside it while a writing transaction holds it: answering the committed state, then the new state after the COMMIT", async () => {
    const knex = createKnex({ client: 'sqlite', filename: join(dir, 'reader.sqlite') });
    try {
      const sql = dialectOf(knex);
      await knex.raw('CREATE TABLE t (x INTEGER)');
      await knex.raw('INSERT INTO t VALUES (1)');
      expect(await queryOnly(knex)).toBe(0);
      const trx = await sql.beginTransaction(knex, { writes: true });
      await sql.run(trx, 'INSERT INTO t VALUES (?)', [2]);
      const during = sql.rows(knex, 'SELECT x FROM t ORDER BY x', []);
      const answered = await soon(during);
      const where = await soon(queryOnly(knex));
      const write = (await soon(sql.rows(knex, 'DELETE FROM t RETURNING x', []).catch((error: unknown) => error))) as { code?: string };
      await trx.commit();
      expect(answered).toEqual([{ x: 1 }]);
      expect(where).toBe(1);
      expect(write.code).toBe('SQLITE_READONLY');
      expect(await sql.rows(knex, 'SELECT x FROM t ORDER BY x', [])).toEqual([{ x: 1 }, { x: 2 }]);
      expect(await queryOnly(knex)).toBe(0);
    } finally {
      await knex.destroy();
    }
  });

  test('close with the knex: a lone read after destroy is refused', async () => {
    const knex = createKnex({ client: 'sqlite', filename: join(dir, 'closed.sqlite') });
    const sql = dialectOf(knex);
    await knex.raw('CREATE TABLE t (x INTEGER)');
    const trx = await sql.beginTransaction(knex, { writes: true });
    expect(await queryOnly(knex)).toBe(1);
    await trx.commit();
    await knex.destroy();
    await expect(sql.rows(knex, 'SELECT x FROM t', [])).rejects.toThrow();
  });

  test("an in-memory database has no second connection: a lone read sees what the pool's connection wrote, and waits for a transaction that holds it", async () => {
    const knex = createKnex({ client: 'sqlite', filename: ':memory:' });
    try {
      const sql = dialectOf(knex);
      await knex.raw('CREATE TABLE t (x INTEGER)');
      await knex.raw('INSERT INTO t VALUES (7)');
      expect(await sql.rows(knex, 'SELECT x FROM t', [])).toEqual([{ x: 7 }]);
      const trx = await sql.beginTransaction(knex, { writes: true });
      await sql.run(trx, 'INSERT INTO t VALUES (?)', [8]);
      const during = sql.rows(knex, 'SELECT x FROM t ORDER BY x', []);
      expect(await soon(during)).toBe('waited');
      await trx.commit();
      expect(await during).toEqual([{ x: 7 }, { x: 8 }]);
    } finally {
      await knex.destroy();
    }
  });
});
