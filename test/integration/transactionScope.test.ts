import type { Knex } from 'knex';
import { TransactionScope } from '../../src/storage/TransactionScope.js';
import { createKnex } from '../../src/storage/createKnex.js';
import { dialectOf } from '../../src/storage/dialects/dialects.js';

/** Two SQLite databases as the framework opens them, each with a deferred foreign key that makes a COMMIT fail. */
async function databases(): Promise<[Knex, Knex]> {
  const open = async () => {
    const knex = createKnex({ client: 'sqlite', filename: ':memory:' });
    await knex.raw('CREATE TABLE parent (id TEXT PRIMARY KEY)');
    await knex.raw('CREATE TABLE child (id TEXT PRIMARY KEY, parent TEXT REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    return knex;
  };
  return [await open(), await open()];
}

// better-sqlite3 registers its error class with the native addon once per process: in a later test file of the same
// jest worker the error belongs to another realm and is no `instanceof Error`, so it is matched by its code.
const foreignKeyFailure = { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' };

describe('the transactions of an operation across databases', () => {
  let first: Knex;
  let second: Knex;
  beforeEach(async () => {
    [first, second] = await databases();
  });
  afterEach(async () => {
    await first.destroy();
    await second.destroy();
  });

  function scopeWithHooks(transactional = true) {
    const scope = new TransactionScope(first, { transactional, writes: true });
    const ran: string[] = [];
    scope.onCommit(() => ran.push('commit'));
    scope.onRollback(() => ran.push('rollback'));
    scope.onWritesKept(() => ran.push('writes kept'));
    return { scope, ran };
  }

  test('all commit: the commit hooks run, and only they', async () => {
    const { scope, ran } = scopeWithHooks();
    await (await scope.connection(first))('parent').insert({ id: 'p' });
    await (await scope.connection(second))('parent').insert({ id: 'q' });
    await scope.commit();
    expect(ran).toEqual(['commit']);
    expect(await second('parent').select('id')).toEqual([{ id: 'q' }]);
  });

  test('a commit that fails after an earlier one committed rolls the rest back and runs the writes-kept hooks', async () => {
    const { scope, ran } = scopeWithHooks();
    await (await scope.connection(first))('parent').insert({ id: 'p' });
    await (await scope.connection(second))('child').insert({ id: 'c', parent: 'missing' });
    await expect(scope.commit()).rejects.toMatchObject(foreignKeyFailure);
    expect(ran).toEqual(['writes kept']);
    await scope.rollback();
    expect(ran).toEqual(['writes kept', 'rollback']);
    expect(await first('parent').select('id')).toEqual([{ id: 'p' }]);
    // The failed transaction did not stay open on the one connection: what it wrote is gone, and a new one begins.
    expect(await second('child').select('id')).toEqual([]);
    await second.transaction((trx) => trx('parent').insert({ id: 'usable' }));
  });

  test('a commit that fails first keeps nothing: no writes-kept hooks', async () => {
    const { scope, ran } = scopeWithHooks();
    await (await scope.connection(second))('child').insert({ id: 'c', parent: 'missing' });
    await (await scope.connection(first))('parent').insert({ id: 'p' });
    await expect(scope.commit()).rejects.toMatchObject(foreignKeyFailure);
    await scope.rollback();
    expect(ran).toEqual(['rollback']);
    expect(await first('parent').select('id')).toEqual([]);
    expect(await second('child').select('id')).toEqual([]);
  });

  test('a non-transactional scope that fails keeps its writes: the writes-kept and rollback hooks run', async () => {
    const { scope, ran } = scopeWithHooks(false);
    await (await scope.connection(first))('parent').insert({ id: 'p' });
    await scope.rollback();
    expect(ran).toEqual(['writes kept', 'rollback']);
    expect(await first('parent').select('id')).toEqual([{ id: 'p' }]);
  });
  test("the framework's statements and a component's knex transaction are one transaction: rolled back together, committed together", async () => {
    const sql = dialectOf(first);
    const writeThree = async (scope: TransactionScope, tag: string) => {
      await sql.run(await scope.statements(first), 'INSERT INTO parent (id) VALUES (?)', [`${tag}1`]);
      await (await scope.connection(first))('parent').insert({ id: `${tag}2` });
      await sql.run(await scope.statements(first), 'INSERT INTO parent (id) VALUES (?)', [`${tag}3`]);
      // Inside the transaction, each sees what the other wrote.
      expect((await (await scope.connection(first))('parent').select('id')).map((r: { id: string }) => r.id).sort()).toEqual([`${tag}1`, `${tag}2`, `${tag}3`]);
    };
    const lost = new TransactionScope(first, { transactional: true, writes: true });
    await writeThree(lost, 'r');
    await lost.rollback();
    expect(await first('parent').select('id')).toEqual([]);
    const kept = new TransactionScope(first, { transactional: true, writes: true });
    await writeThree(kept, 'c');
    await kept.commit();
    expect((await first('parent').select('id')).map((r) => r.id).sort()).toEqual(['c1', 'c2', 'c3']);
  });

  test('a COMMIT that fails on the driver rolls the transaction back and gives the connection back usable', async () => {
    const sql = dialectOf(second);
    const scope = new TransactionScope(second, { transactional: true, writes: true });
    await sql.run(await scope.statements(second), 'INSERT INTO child (id, parent) VALUES (?, ?)', ['c', 'missing']);
    await expect(scope.commit()).rejects.toMatchObject(foreignKeyFailure);
    await scope.rollback();
    expect(await second('child').select('id')).toEqual([]);
    const next = new TransactionScope(second, { transactional: true, writes: true });
    await sql.run(await next.statements(second), 'INSERT INTO parent (id) VALUES (?)', ['usable']);
    await next.commit();
    expect(await second('parent').select('id')).toEqual([{ id: 'usable' }]);
  });

  test('once a transaction has ended, nothing more is sent through it, by the driver or by its knex', async () => {
    const sql = dialectOf(first);
    const scope = new TransactionScope(first, { transactional: true, writes: true });
    const target = await scope.statements(first);
    const trx = await scope.connection(first);
    await sql.run(target, 'INSERT INTO parent (id) VALUES (?)', ['p']);
    await scope.commit();
    await expect(sql.run(target, 'INSERT INTO parent (id) VALUES (?)', ['late'])).rejects.toThrow(/already complete/);
    await expect(trx('parent').insert({ id: 'late too' })).rejects.toThrow(/already complete/);
    expect(await first('parent').select('id')).toEqual([{ id: 'p' }]);
  });

  test('BEGIN and COMMIT sent by the driver are announced as knex announces statements', async () => {
    const sent: string[] = [];
    first.on('query', (q: { sql: string }) => sent.push(q.sql));
    const scope = new TransactionScope(first, { transactional: true, writes: true });
    await dialectOf(first).run(await scope.statements(first), 'INSERT INTO parent (id) VALUES (?)', ['p']);
    await scope.commit();
    expect(sent).toEqual(['BEGIN IMMEDIATE;', 'INSERT INTO parent (id) VALUES (?)', 'COMMIT;']);
  });
});
