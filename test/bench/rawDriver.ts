import Database from 'better-sqlite3';
import { createPool, type Pool, type PoolConnection, type RowDataPacket } from 'mysql2/promise';
import { decideDeletion, rowsOfNewUser, userEntity, type Deleted, type NewUser, type Row, type UserProfilePeer } from './peerWork.js';

/**
 * The floor: the drivers alone, with prepared statements (better-sqlite3's `prepare`, once per statement text;
 * mysql2's `execute`, which prepares each text once per connection), on the framework's tables. The SQL is written by
 * hand for this schema; every value is bound.
 */

const userByEmail = 'SELECT * FROM user_object WHERE email_address = ?';
const addressesOf = 'SELECT a.* FROM user_object_address_list l JOIN address a ON a.address_id = l.item_key WHERE l.owner_key = ? ORDER BY l.position';
const cardsOf = 'SELECT c.* FROM user_object_credit_card_list l JOIN credit_card c ON c.id = l.item_key WHERE l.owner_key = ? ORDER BY l.position';

/** The user's addresses, each with whether anything else keeps it (another user or an organization, a card that is not the user's). */
export const addressesWithUse = `SELECT a.*,
  (EXISTS (SELECT 1 FROM user_object_address_list o WHERE o.item_key = a.address_id AND o.owner_key <> l.owner_key)
   OR EXISTS (SELECT 1 FROM user_object u WHERE u.preferred_address = a.address_id AND u.user_id <> l.owner_key)
   OR EXISTS (SELECT 1 FROM organization_address_list o WHERE o.item_key = a.address_id)
   OR EXISTS (SELECT 1 FROM organization g WHERE g.preferred_address = a.address_id)) AS used,
  EXISTS (SELECT 1 FROM credit_card c WHERE c.billing_address = a.address_id
          AND c.id NOT IN (SELECT item_key FROM user_object_credit_card_list WHERE owner_key = l.owner_key)) AS billed
FROM user_object_address_list l JOIN address a ON a.address_id = l.item_key WHERE l.owner_key = ? ORDER BY l.position`;

/** The user's cards, each with whether another user lists or prefers it. */
export const cardsWithUse = `SELECT c.*,
  (EXISTS (SELECT 1 FROM user_object_credit_card_list o WHERE o.item_key = c.id AND o.owner_key <> l.owner_key)
   OR EXISTS (SELECT 1 FROM user_object u WHERE u.preferred_credit_card = c.id AND u.user_id <> l.owner_key)) AS used
FROM user_object_credit_card_list l JOIN credit_card c ON c.id = l.item_key WHERE l.owner_key = ? ORDER BY l.position`;

const userColumns = ['user_id', 'email_address', 'first_name', 'account_status', 'date_created', 'date_last_changed'] as const;
const addressColumns = ['address_id', 'address_name', 'address_line1', 'city', 'region_code', 'postal_code', 'country_code', 'date_created', 'date_last_changed'] as const;
const cardColumns = ['id', 'cc_number', 'last_4_digits', 'expiration_month', 'expiration_year', 'billing_address', 'display_name', 'date_created', 'date_last_changed'] as const;
const linkColumns = ['owner_key', 'item_key', 'position'] as const;

/** What the statements here bind. */
type Value = string | number | Date | null;

/** A multi-row INSERT's text for `count` rows, and its values in order. */
function insert(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): { sql: string; values: Value[] } {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => row).join(', ')}`,
    values: rows.flatMap((r) => columns.map((c) => (r[c] ?? null) as Value)),
  };
}

const insertsOf = (input: NewUser, now: Date | string) => {
  const rows = rowsOfNewUser(input, now);
  return {
    rows,
    statements: [
      insert('address', addressColumns, rows.addresses),
      insert('credit_card', cardColumns, rows.cards),
      insert('user_object', userColumns, [rows.user]),
      insert('user_object_address_list', linkColumns, rows.addressLinks),
      insert('user_object_credit_card_list', linkColumns, rows.cardLinks),
    ],
  };
};

/** better-sqlite3 on its own connection to the benchmark's file: WAL, synchronous=FULL, foreign keys on. */
export function rawSqlitePeer(filename: string): UserProfilePeer {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const existingAddresses = statement('SELECT * FROM address WHERE address_id IN (SELECT value FROM json_each(?))');
  const user = statement(userByEmail);
  const addresses = statement(addressesOf);
  const cards = statement(cardsOf);
  const addressesUse = statement(addressesWithUse);
  const cardsUse = statement(cardsWithUse);
  const deleteCards = statement('DELETE FROM credit_card WHERE id IN (SELECT value FROM json_each(?))');
  const deleteUser = statement('DELETE FROM user_object WHERE user_id = ?');
  const deleteAddresses = statement('DELETE FROM address WHERE address_id IN (SELECT value FROM json_each(?))');

  const create = db.transaction((input: NewUser) => {
    const existing = existingAddresses.all(JSON.stringify([input.existingAddressId])) as Row[];
    if (existing.length !== 1) throw new Error('no such address');
    const { rows, statements } = insertsOf(input, new Date().toISOString());
    for (const s of statements) statement(s.sql).run(s.values);
    return userEntity(rows.user, [...rows.addresses, ...existing], rows.cards);
  });
  const remove = db.transaction((email: string): Deleted => {
    const row = user.get(email) as Row | undefined;
    if (!row) return { count: 0, commerceEntities: [] };
    const userId = row['user_id'];
    const addressRows = addressesUse.all(userId) as Row[];
    const cardRows = cardsUse.all(userId) as Row[];
    const going = decideDeletion(addressRows, cardRows);
    if (going.cards.length) deleteCards.run(JSON.stringify(going.cards));
    deleteUser.run(userId);
    if (going.addresses.length) deleteAddresses.run(JSON.stringify(going.addresses));
    return { count: 1, commerceEntities: [userEntity(row, addressRows, cardRows)] };
  });
  return {
    name: 'raw driver',
    create: (input) => Promise.resolve(create.immediate(input)),
    query(email) {
      const row = user.get(email) as Row | undefined;
      if (!row) return Promise.resolve([]);
      return Promise.resolve([userEntity(row, addresses.all(row['user_id']) as Row[], cards.all(row['user_id']) as Row[])]);
    },
    delete: (email) => Promise.resolve(remove.immediate(email)),
    close: () => Promise.resolve(void db.close()),
  };
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** mysql2's promise pool, statements through `execute` (prepared once per connection, then bound). */
export function rawMysqlPeer(url: string): UserProfilePeer {
  const pool: Pool = createPool({ uri: url, charset: 'utf8mb4', timezone: 'Z', connectionLimit: 4 });
  const rows = async (conn: Pool | PoolConnection, sql: string, values: Value[]) => (await conn.execute<RowDataPacket[]>(sql, values))[0] as Row[];
  async function inTransaction<T>(work: (conn: PoolConnection) => Promise<T>): Promise<T> {
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      try {
        const result = await work(conn);
        await conn.commit();
        return result;
      } catch (error) {
        await conn.rollback();
        throw error;
      }
    } finally {
      conn.release();
    }
  }
  return {
    name: 'raw driver',
    create: (input) =>
      inTransaction(async (conn) => {
        const existing = await rows(conn, 'SELECT * FROM address WHERE address_id IN (?) LOCK IN SHARE MODE', [input.existingAddressId]);
        if (existing.length !== 1) throw new Error('no such address');
        const { rows: written, statements } = insertsOf(input, new Date());
        for (const s of statements) await conn.execute(s.sql, s.values);
        return userEntity(written.user, [...written.addresses, ...existing], written.cards);
      }),
    async query(email) {
      const [row] = await rows(pool, userByEmail, [email]);
      if (!row) return [];
      const userId = row['user_id'] as string;
      return [userEntity(row, await rows(pool, addressesOf, [userId]), await rows(pool, cardsOf, [userId]))];
    },
    delete: (email) =>
      inTransaction(async (conn): Promise<Deleted> => {
        const [row] = await rows(conn, `${userByEmail} FOR UPDATE`, [email]);
        if (!row) return { count: 0, commerceEntities: [] };
        const userId = row['user_id'] as string;
        const addressRows = await rows(conn, `${addressesWithUse} FOR UPDATE`, [userId]);
        const cardRows = await rows(conn, `${cardsWithUse} FOR UPDATE`, [userId]);
        const going = decideDeletion(addressRows, cardRows);
        if (going.cards.length) await conn.execute(`DELETE FROM credit_card WHERE id IN (${marks(going.cards.length)})`, going.cards);
        await conn.execute('DELETE FROM user_object WHERE user_id = ?', [userId]);
        if (going.addresses.length) await conn.execute(`DELETE FROM address WHERE address_id IN (${marks(going.addresses.length)})`, going.addresses);
        return { count: 1, commerceEntities: [userEntity(row, addressRows, cardRows)] };
      }),
    close: () => pool.end(),
  };
}
