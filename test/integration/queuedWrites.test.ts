import type { Knex } from 'knex';
import type { MysqlDatabaseConfig } from '../../src/config/databaseConfigSchema.js';
import { createKnex } from '../../src/storage/createKnex.js';
import type { DriverTransaction } from '../../src/storage/dialects/DriverTransaction.js';
import { dialectOf } from '../../src/storage/dialects/dialects.js';
import { onMariaDbOnly } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { lockWaits } from '../support/lockWaits.js';
import { startFoundation } from '../support/startFoundation.js';
import { createUser, storedIds, testEncryptionKey } from '../support/userProfiles.js';

/** What the tests' `fault` makes of a failure: the driver's error, wrapped, so that a test sees the fault was applied. */
class WriteFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('the write failed');
  }
}
const fault = (error: unknown) => new WriteFailed(error);

const errnoOf = (error: unknown) => ((error as { cause?: { errno?: number } }).cause ?? (error as { errno?: number })).errno;

/**
 * Writes queued on a MariaDB transaction (Dialect.write, DriverTransaction.defer): the caller goes on while the
 * database answers, and a failure is thrown later. What must never happen is a write sent after the transaction has
 * ended (a failed write before it, a ROLLBACK, a deadlock): on MySQL/MariaDB it would run on its own and be kept.
 */
onMariaDbOnly('queued writes', (target) => {
  let knex: Knex;
  /** Another connection, for the transactions that race the framework's. */
  let other: Knex;
  let sent: string[];
  /**
   * The test's transactions, ended after it however it ended: a failed test must leave no lock for the next one or the
   * suite's DROP DATABASE to wait on, and no connection that keeps a pool from being destroyed.
   */
  let begun: (DriverTransaction | Knex.Transaction)[];

  beforeEach(async () => {
    const database = (await target.create()) as MysqlDatabaseConfig;
    knex = createKnex(database);
    other = createKnex(database);
    await knex.raw('CREATE TABLE item (id VARCHAR(20) PRIMARY KEY, v INT NOT NULL DEFAULT 0) ENGINE=InnoDB');
    await knex.raw('CREATE TABLE marker (id VARCHAR(20) PRIMARY KEY) ENGINE=InnoDB');
    await knex('item').insert([{ id: 'r1' }, { id: 'r2' }, { id: 'taken' }]);
    sent = [];
    begun = [];
    knex.on('query', (query: { sql: string }) => sent.push(query.sql));
  });
  afterEach(async () => {
    // All at once: one may wait for a lock that another holds.
    const open = begun.filter((trx) => !('isCompleted' in trx) || !trx.isCompleted());
    await Promise.all(
      open.map(async (trx) => {
        try {
          await trx.rollback();
        } catch {
          // it ended by itself (a deadlock, a failed write)
        }
      }),
    );
    await knex.destroy();
    await other.destroy();
  });

  const dialect = () => dialectOf(knex);
  /** The transaction, kept in `begun` for afterEach. */
  const kept = async <T extends DriverTransaction | Knex.Transaction>(beginning: Promise<T>): Promise<T> => {
    const trx = await beginning;
    begun.push(trx);
    return trx;
  };
  const begin = () => kept(dialect().beginTransaction(knex, { writes: true }));
  /** A transaction on the other connection, which races the framework's. */
  const rivalTransaction = () => kept(other.transaction());
  const write = (trx: DriverTransaction, sql: string, bindings: unknown[]) => dialect().write(trx, sql, bindings, fault);
  const markers = async () => (await knex('marker').select('id')).map((row: { id: string }) => row.id);
  /** Until `count` transactions of the test's database wait for a row lock. */
  const waitingForLocks = (count: number) => eventually(async () => expect(await lockWaits(other)).toHaveLength(count), 10_000);

  test('a queued write settles before the database answers, and the commit waits for it', async () => {
    const blocker = await rivalTransaction();
    await blocker('item').insert({ id: 'x' });
    const trx = await begin();
    // The row 'x' is locked by the uncommitted insert: the queued INSERT waits for it, and the caller does not.
    const queued = await Promise.race([write(trx, 'INSERT INTO item (id, v) VALUES (?, ?)', ['x', 7]).then(() => 'settled'), new Promise((resolve) => setTimeout(resolve, 1000, 'waited'))]);
    expect(queued).toBe('settled');
    await waitingForLocks(1);
    const committing = trx.commit();
    await blocker.rollback();
    await committing;
    expect(await knex('item').where({ id: 'x' }).first()).toMatchObject({ v: 7 });
  });

  test('after a queued write fails nothing more is sent; the next statement and the commit throw its fault, and nothing stays', async () => {
    const trx = await begin();
    await write(trx, 'INSERT INTO marker (id) VALUES (?)', ['before']);
    await write(trx, 'INSERT INTO item (id) VALUES (?)', ['taken']);
    await write(trx, 'INSERT INTO marker (id) VALUES (?)', ['after']);
    const read = await dialect()
      .rows(trx, 'SELECT id FROM item', [])
      .catch((error: unknown) => error);
    expect(read).toBeInstanceOf(WriteFailed);
    expect(errnoOf(read)).toBe(1062);
    const committed = await trx.commit().catch((error: unknown) => error);
    expect(committed).toBe(read);
    expect(sent.filter((sql) => sql.startsWith('INSERT'))).toEqual(['INSERT INTO marker (id) VALUES (?)', 'INSERT INTO item (id) VALUES (?)']);
    expect(sent).not.toContain('SELECT id FROM item');
    expect(sent).not.toContain('COMMIT;');
    expect(await markers()).toEqual([]);
  });

  test('asking for the transaction as a knex waits for the queued writes and throws their failure', async () => {
    const trx = await begin();
    await write(trx, 'INSERT INTO item (id) VALUES (?)', ['taken']);
    await expect(trx.asKnex()).rejects.toBeInstanceOf(WriteFailed);
    await trx.rollback();
  });

  test('once a knex transaction was asked for, a write is waited for: its failure is thrown by the write itself', async () => {
    const trx = await begin();
    const asKnex = await trx.asKnex();
    await expect(write(trx, 'INSERT INTO item (id) VALUES (?)', ['taken'])).rejects.toBeInstanceOf(WriteFailed);
    await asKnex('marker').insert({ id: 'knex' });
    await trx.commit();
    expect(await markers()).toEqual(['knex']);
  });

  test('a rollback while a queued write waits for a lock: the writes queued behind it are never sent', async () => {
    const blocker = await rivalTransaction();
    await blocker('item').insert({ id: 'x' });
    const trx = await begin();
    await write(trx, 'INSERT INTO item (id) VALUES (?)', ['x']);
    await write(trx, 'INSERT INTO marker (id) VALUES (?)', ['after']);
    await waitingForLocks(1);
    const rollingBack = trx.rollback();
    // The first write gets its row once the blocker lets go; the ROLLBACK follows it, and the marker must not.
    await blocker.rollback();
    await rollingBack;
    expect(await markers()).toEqual([]);
    expect(await knex('item').where({ id: 'x' }).first()).toBeUndefined();
    expect(sent).not.toContain('INSERT INTO marker (id) VALUES (?)');
  });

  test('a queued write that deadlocks ends the transaction: the write queued behind it is never sent, and the commit throws the deadlock', async () => {
    await knex.raw('CREATE TABLE bulk (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB');
    await knex('bulk').insert(Array.from({ length: 200 }, (_, id) => ({ id, v: 0 })));
    const trx = await begin();
    await dialect().run(trx, 'UPDATE item SET v = 1 WHERE id = ?', ['r1']);
    // The rival changes many rows: InnoDB rolls back the smaller transaction of a deadlock, the framework's.
    const rival = await rivalTransaction();
    await rival('bulk').update({ v: 1 });
    await rival('item').where({ id: 'r2' }).update({ v: 2 });
    await write(trx, 'UPDATE item SET v = 1 WHERE id = ?', ['r2']);
    await write(trx, 'INSERT INTO marker (id) VALUES (?)', ['after']);
    await waitingForLocks(1);
    await rival('item').where({ id: 'r1' }).update({ v: 2 });
    await rival.commit();
    const failure = await trx.commit().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WriteFailed);
    expect(errnoOf(failure)).toBe(1213);
    expect(dialect().isRetryableConflict((failure as WriteFailed).cause)).toBe(true);
    expect(await markers()).toEqual([]);
    expect(sent).not.toContain('INSERT INTO marker (id) VALUES (?)');
    expect(await knex('item').whereIn('id', ['r1', 'r2']).orderBy('id').select('v')).toEqual([{ v: 2 }, { v: 2 }]);
  });
});

onMariaDbOnly('the shipped components queue their writes', (target) => {
  test("a Create's committer returns while its INSERT waits for a lock: the next step runs, and the request ends once the INSERT is done", async () => {
    const reached: string[] = [];
    const Probe = { execute: () => void reached.push('after the committer') };
    const s = await startFoundation(target, {
      files: {
        'config/commerce.json': { encryptionKey: testEncryptionKey },
        'sequences/CommerceCreateOperation_UserProfile.patch.json': { patches: [{ add: { name: 'Probe' }, after: 'UserProfileCommitter' }] },
      },
      components: { Probe },
    });
    // Another transaction has inserted the same user and not yet ended: the Create's INSERT waits for its row lock.
    const blocker = await s.foundation.knex.transaction();
    await blocker('user_object').insert({ user_id: 'u1', email_address: 'other@example.com', account_status: 1 });
    let done = false;
    const creating = createUser(s.foundation, { id: 'u1' }).finally(() => (done = true));
    try {
      await eventually(() => expect(reached).toEqual(['after the committer']), 5000);
      expect(done).toBe(false);
    } finally {
      await blocker.rollback();
    }
    await creating;
    expect(await storedIds(s.foundation)).toMatchObject({ users: ['u1'] });
  });
});

describe('queued writes on SQLite, which has no round trip to hide', () => {
  test('a write runs at once, and its failure, made by `fault`, is thrown by the write itself', async () => {
    const knex = createKnex({ client: 'sqlite', filename: ':memory:' });
    try {
      await knex.raw('CREATE TABLE item (id TEXT PRIMARY KEY)');
      await knex('item').insert({ id: 'taken' });
      const dialect = dialectOf(knex);
      const trx = await dialect.beginTransaction(knex, { writes: true });
      await dialect.write(trx, 'INSERT INTO item (id) VALUES (?)', ['new'], fault);
      expect(await dialect.rows(trx, 'SELECT id FROM item ORDER BY id', [])).toEqual([{ id: 'new' }, { id: 'taken' }]);
      await expect(dialect.write(trx, 'INSERT INTO item (id) VALUES (?)', ['taken'], fault)).rejects.toBeInstanceOf(WriteFailed);
      await trx.commit();
      expect(await knex('item').orderBy('id').select('id')).toEqual([{ id: 'new' }, { id: 'taken' }]);
    } finally {
      await knex.destroy();
    }
  });
});
