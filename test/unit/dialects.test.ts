import { createKnex } from '../../src/storage/createKnex.js';
import { dialectOf } from '../../src/storage/dialects/dialects.js';
import { mysql } from '../../src/storage/dialects/mysql.js';
import { sqlite } from '../../src/storage/dialects/sqlite.js';

const sqliteUnique = { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: user_object.u_email_address' };
const mysqlUnique = { errno: 1062, sqlMessage: "Duplicate entry 'ann@example.com' for key 'user_object.user_object_u_email_address_unique'" };

describe('the dialects', () => {
  test('a knex made for MySQL/MariaDB has the MySQL dialect, one made for SQLite the SQLite one', async () => {
    const onMysql = createKnex({ client: 'mysql', connection: 'mysql://nobody@127.0.0.1:1/none' });
    const onSqlite = createKnex({ client: 'sqlite', filename: ':memory:' });
    try {
      expect(dialectOf(onMysql)).toBe(mysql);
      expect(dialectOf(onSqlite)).toBe(sqlite);
    } finally {
      await Promise.all([onMysql.destroy(), onSqlite.destroy()]);
    }
  });

  test('each reads the column or index of its own unique violations, and nothing from the other driver', () => {
    expect(sqlite.uniqueViolation(sqliteUnique)).toBe('u_email_address');
    expect(mysql.uniqueViolation(mysqlUnique)).toBe('user_object_u_email_address_unique');
    expect(mysql.uniqueViolation({ errno: 1062, message: "Duplicate entry 'x' for key 'user_object_u_email_address_unique'" })).toBe(
      'user_object_u_email_address_unique',
    );
    expect(sqlite.uniqueViolation(mysqlUnique)).toBeUndefined();
    expect(mysql.uniqueViolation(sqliteUnique)).toBeUndefined();
  });

  test('deadlocks, lock wait timeouts and any SQLITE_BUSY are worth a retry; constraint failures are not', () => {
    expect([1213, 1205, 1062].map((errno) => mysql.isRetryableConflict({ errno }))).toEqual([true, true, false]);
    const codes = ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSYNESS', 'SQLITE_CONSTRAINT_UNIQUE'];
    expect(codes.map((code) => sqlite.isRetryableConflict({ code }))).toEqual([true, true, false, false]);
    expect(sqlite.isForeignKeyViolation({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }) && mysql.isForeignKeyViolation({ errno: 1452 })).toBe(true);
  });

  test('a key list binds a value per key on SQLite up to 16 keys, then one JSON array however long it is; one value per key on MySQL', () => {
    const keys = Array.from({ length: 40000 }, (_, i) => i);
    expect(sqlite.in(keys)).toEqual({ sql: 'IN (SELECT value FROM json_each(?))', bindings: [JSON.stringify(keys)] });
    expect(sqlite.in(keys.slice(0, 17))).toEqual({ sql: 'IN (SELECT value FROM json_each(?))', bindings: [JSON.stringify(keys.slice(0, 17))] });
    expect(sqlite.in(keys.slice(0, 16))).toEqual({ sql: `IN (?${', ?'.repeat(15)})`, bindings: keys.slice(0, 16) });
    expect(sqlite.in(['a'])).toEqual({ sql: 'IN (?)', bindings: ['a'] });
    expect(mysql.in(['a', 'b'])).toEqual({ sql: 'IN (?, ?)', bindings: ['a', 'b'] });
  });

  test('on MySQL a locking read of one key is no const lookup (read before the UNION runs): a NULL, which matches nothing, goes with it', () => {
    expect(mysql.keysIn(['a'])).toEqual({ sql: 'IN (?, ?)', bindings: ['a', null] });
    expect(mysql.keysIn(['a', 'b'])).toEqual(mysql.in(['a', 'b']));
    expect(sqlite.keysIn(['a'])).toEqual(sqlite.in(['a']));
  });

  test("a sequence's isolation level reaches a MySQL/MariaDB transaction; SQLite's are all serializable", () => {
    expect(mysql.transactionIntent('read committed', true)).toEqual({ isolationLevel: 'read committed', writes: true });
    expect(mysql.transactionIntent(undefined, false)).toEqual({ writes: false });
    expect(sqlite.transactionIntent('read committed', true)).toEqual({ writes: true });
  });

  test('a UNION locks each of its selects on MySQL; SQLite, which locks the whole file, joins them bare', () => {
    const selects = [
      { sql: 'SELECT 1', bindings: [1], lock: 'update' as const },
      { sql: 'SELECT 2', bindings: [2], lock: undefined },
    ];
    expect(mysql.union(selects)).toEqual({ sql: '(SELECT 1 FOR UPDATE) UNION ALL (SELECT 2)', bindings: [1, 2] });
    expect(sqlite.union(selects)).toEqual({ sql: 'SELECT 1 UNION ALL SELECT 2', bindings: [1, 2] });
  });
});
