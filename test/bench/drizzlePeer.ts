import Database from 'better-sqlite3';
import { and, eq, exists, getTableColumns, inArray, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2';
import * as m from 'drizzle-orm/mysql-core';
import * as s from 'drizzle-orm/sqlite-core';
import { createPool } from 'mysql2';
import { decideDeletion, rowsOfNewUser, userEntity, type Deleted, type Row, type UserProfilePeer } from './peerWork.js';

/**
 * Drizzle ORM, written as its documentation shows: the framework's tables declared in TypeScript, the query builder
 * (selects, joins, `exists` subqueries, multi-row inserts), prepared queries with `sql.placeholder` for every
 * statement whose shape does not change, `db.transaction` (IMMEDIATE on SQLite) and `.for('update')` on MariaDB.
 * Keys are the column names, so that rows come back as the other sides see them.
 */

// SQLite: the framework's columns (datetime is ISO text there, float is REAL).
const sUser = s.sqliteTable('user_object', {
  user_id: s.text().primaryKey(),
  email_address: s.text().notNull(),
  first_name: s.text(),
  last_name: s.text(),
  tel_number: s.text(),
  account_status: s.real(),
  preferred_address: s.text(),
  preferred_credit_card: s.text(),
  org_id: s.text(),
  date_created: s.text(),
  date_last_changed: s.text(),
});
const sAddress = s.sqliteTable('address', {
  address_id: s.text().primaryKey(),
  address_name: s.text(),
  address_line1: s.text(),
  address_line2: s.text(),
  city: s.text(),
  region_code: s.text(),
  postal_code: s.text(),
  country_code: s.text(),
  first_name: s.text(),
  last_name: s.text(),
  tel_number: s.text(),
  date_created: s.text(),
  date_last_changed: s.text(),
});
const sCard = s.sqliteTable('credit_card', {
  id: s.text().primaryKey(),
  cc_number: s.text(),
  last_4_digits: s.text(),
  expiration_month: s.real(),
  expiration_year: s.real(),
  billing_address: s.text(),
  display_name: s.text(),
  date_created: s.text(),
  date_last_changed: s.text(),
});
const sLink = (name: string) => s.sqliteTable(name, { owner_key: s.text().notNull(), item_key: s.text().notNull(), position: s.integer().notNull() });
const sAddressList = sLink('user_object_address_list');
const sCardList = sLink('user_object_credit_card_list');
const sOrgAddressList = sLink('organization_address_list');
const sOrganization = s.sqliteTable('organization', { org_id: s.text().primaryKey(), preferred_address: s.text() });

/** Drizzle over better-sqlite3, on its own connection to the benchmark's file: WAL, synchronous=FULL, foreign keys on. */
export function drizzleSqlitePeer(filename: string): UserProfilePeer {
  const client = new Database(filename);
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = FULL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  const db = drizzleSqlite({ client });
  const otherAddressList = s.alias(sAddressList, 'o');
  const otherCardList = s.alias(sCardList, 'o');
  const otherUser = s.alias(sUser, 'u');
  const one = { one: sql`1` };
  const addressUsed: SQL = or(
    exists(db.select(one).from(otherAddressList).where(and(eq(otherAddressList.item_key, sAddress.address_id), ne(otherAddressList.owner_key, sAddressList.owner_key)))),
    exists(db.select(one).from(otherUser).where(and(eq(otherUser.preferred_address, sAddress.address_id), ne(otherUser.user_id, sAddressList.owner_key)))),
    exists(db.select(one).from(sOrgAddressList).where(eq(sOrgAddressList.item_key, sAddress.address_id))),
    exists(db.select(one).from(sOrganization).where(eq(sOrganization.preferred_address, sAddress.address_id))),
  ) as SQL;
  const addressBilled = exists(
    db
      .select(one)
      .from(sCard)
      .where(and(eq(sCard.billing_address, sAddress.address_id), notInArray(sCard.id, db.select({ id: sCardList.item_key }).from(sCardList).where(eq(sCardList.owner_key, sAddressList.owner_key))))),
  );
  const cardUsed: SQL = or(
    exists(db.select(one).from(otherCardList).where(and(eq(otherCardList.item_key, sCard.id), ne(otherCardList.owner_key, sCardList.owner_key)))),
    exists(db.select(one).from(otherUser).where(and(eq(otherUser.preferred_credit_card, sCard.id), ne(otherUser.user_id, sCardList.owner_key)))),
  ) as SQL;

  const userByEmail = db.select().from(sUser).where(eq(sUser.email_address, sql.placeholder('email'))).prepare();
  const addressesOf = db
    .select(getTableColumns(sAddress))
    .from(sAddressList)
    .innerJoin(sAddress, eq(sAddress.address_id, sAddressList.item_key))
    .where(eq(sAddressList.owner_key, sql.placeholder('user')))
    .orderBy(sAddressList.position)
    .prepare();
  const cardsOf = db
    .select(getTableColumns(sCard))
    .from(sCardList)
    .innerJoin(sCard, eq(sCard.id, sCardList.item_key))
    .where(eq(sCardList.owner_key, sql.placeholder('user')))
    .orderBy(sCardList.position)
    .prepare();
  const addressesWithUse = db
    .select({ ...getTableColumns(sAddress), used: sql<number>`${addressUsed}`, billed: sql<number>`${addressBilled}` })
    .from(sAddressList)
    .innerJoin(sAddress, eq(sAddress.address_id, sAddressList.item_key))
    .where(eq(sAddressList.owner_key, sql.placeholder('user')))
    .orderBy(sAddressList.position)
    .prepare();
  const cardsWithUse = db
    .select({ ...getTableColumns(sCard), used: sql<number>`${cardUsed}` })
    .from(sCardList)
    .innerJoin(sCard, eq(sCard.id, sCardList.item_key))
    .where(eq(sCardList.owner_key, sql.placeholder('user')))
    .orderBy(sCardList.position)
    .prepare();
  const existingAddresses = db.select().from(sAddress).where(eq(sAddress.address_id, sql.placeholder('id'))).prepare();
  const deleteUser = db.delete(sUser).where(eq(sUser.user_id, sql.placeholder('user'))).prepare();

  return {
    name: 'Drizzle',
    create: (input) =>
      Promise.resolve(
        db.transaction(
          (tx) => {
            const existing = existingAddresses.all({ id: input.existingAddressId });
            if (existing.length !== 1) throw new Error('no such address');
            const rows = rowsOfNewUser(input, new Date().toISOString());
            tx.insert(sAddress).values(rows.addresses).run();
            tx.insert(sCard).values(rows.cards).run();
            tx.insert(sUser).values(rows.user).run();
            tx.insert(sAddressList).values(rows.addressLinks).run();
            tx.insert(sCardList).values(rows.cardLinks).run();
            return userEntity(rows.user, [...rows.addresses, ...existing], rows.cards);
          },
          { behavior: 'immediate' },
        ),
      ),
    query(email) {
      const user = userByEmail.get({ email });
      if (!user) return Promise.resolve([]);
      return Promise.resolve([userEntity(user, addressesOf.all({ user: user.user_id }), cardsOf.all({ user: user.user_id }))]);
    },
    delete: (email) =>
      Promise.resolve(
        db.transaction(
          (tx): Deleted => {
            const user = userByEmail.get({ email });
            if (!user) return { count: 0, commerceEntities: [] };
            const addresses = addressesWithUse.all({ user: user.user_id });
            const cards = cardsWithUse.all({ user: user.user_id });
            const going = decideDeletion(addresses, cards);
            if (going.cards.length) tx.delete(sCard).where(inArray(sCard.id, going.cards)).run();
            deleteUser.run({ user: user.user_id });
            if (going.addresses.length) tx.delete(sAddress).where(inArray(sAddress.address_id, going.addresses)).run();
            return { count: 1, commerceEntities: [userEntity(user, addresses, cards)] };
          },
          { behavior: 'immediate' },
        ),
      ),
    close: () => Promise.resolve(void client.close()),
  };
}

// MariaDB: the framework's columns (datetime as Date, float as FLOAT).
const mUser = m.mysqlTable('user_object', {
  user_id: m.varchar({ length: 64 }).primaryKey(),
  email_address: m.varchar({ length: 64 }).notNull(),
  first_name: m.varchar({ length: 256 }),
  last_name: m.varchar({ length: 256 }),
  tel_number: m.varchar({ length: 64 }),
  account_status: m.float(),
  preferred_address: m.varchar({ length: 64 }),
  preferred_credit_card: m.varchar({ length: 64 }),
  org_id: m.varchar({ length: 64 }),
  date_created: m.datetime({ fsp: 3 }),
  date_last_changed: m.datetime({ fsp: 3 }),
});
const mAddress = m.mysqlTable('address', {
  address_id: m.varchar({ length: 64 }).primaryKey(),
  address_name: m.varchar({ length: 256 }),
  address_line1: m.varchar({ length: 256 }),
  address_line2: m.varchar({ length: 256 }),
  city: m.varchar({ length: 256 }),
  region_code: m.varchar({ length: 64 }),
  postal_code: m.varchar({ length: 32 }),
  country_code: m.varchar({ length: 64 }),
  first_name: m.varchar({ length: 256 }),
  last_name: m.varchar({ length: 256 }),
  tel_number: m.varchar({ length: 64 }),
  date_created: m.datetime({ fsp: 3 }),
  date_last_changed: m.datetime({ fsp: 3 }),
});
const mCard = m.mysqlTable('credit_card', {
  id: m.varchar({ length: 64 }).primaryKey(),
  cc_number: m.varchar({ length: 512 }),
  last_4_digits: m.varchar({ length: 4 }),
  expiration_month: m.float(),
  expiration_year: m.float(),
  billing_address: m.varchar({ length: 64 }),
  display_name: m.varchar({ length: 256 }),
  date_created: m.datetime({ fsp: 3 }),
  date_last_changed: m.datetime({ fsp: 3 }),
});
const mLink = (name: string) => m.mysqlTable(name, { owner_key: m.varchar({ length: 64 }).notNull(), item_key: m.varchar({ length: 64 }).notNull(), position: m.int().notNull() });
const mAddressList = mLink('user_object_address_list');
const mCardList = mLink('user_object_credit_card_list');
const mOrgAddressList = mLink('organization_address_list');
const mOrganization = m.mysqlTable('organization', { org_id: m.varchar({ length: 64 }).primaryKey(), preferred_address: m.varchar({ length: 64 }) });

/**
 * Drizzle over a mysql2 pool. Its prepared queries keep the built SQL; Drizzle's mysql2 session sends them with
 * mysql2's `query` (values escaped into the text by the driver), as it does every statement.
 */
export function drizzleMysqlPeer(url: string): UserProfilePeer {
  const pool = createPool({ uri: url, charset: 'utf8mb4', timezone: 'Z', connectionLimit: 4 });
  const db = drizzleMysql({ client: pool });
  const otherAddressList = m.alias(mAddressList, 'o');
  const otherCardList = m.alias(mCardList, 'o');
  const otherUser = m.alias(mUser, 'u');
  const one = { one: sql`1` };
  const addressUsed: SQL = or(
    exists(db.select(one).from(otherAddressList).where(and(eq(otherAddressList.item_key, mAddress.address_id), ne(otherAddressList.owner_key, mAddressList.owner_key)))),
    exists(db.select(one).from(otherUser).where(and(eq(otherUser.preferred_address, mAddress.address_id), ne(otherUser.user_id, mAddressList.owner_key)))),
    exists(db.select(one).from(mOrgAddressList).where(eq(mOrgAddressList.item_key, mAddress.address_id))),
    exists(db.select(one).from(mOrganization).where(eq(mOrganization.preferred_address, mAddress.address_id))),
  ) as SQL;
  const addressBilled = exists(
    db
      .select(one)
      .from(mCard)
      .where(and(eq(mCard.billing_address, mAddress.address_id), notInArray(mCard.id, db.select({ id: mCardList.item_key }).from(mCardList).where(eq(mCardList.owner_key, mAddressList.owner_key))))),
  );
  const cardUsed: SQL = or(
    exists(db.select(one).from(otherCardList).where(and(eq(otherCardList.item_key, mCard.id), ne(otherCardList.owner_key, mCardList.owner_key)))),
    exists(db.select(one).from(otherUser).where(and(eq(otherUser.preferred_credit_card, mCard.id), ne(otherUser.user_id, mCardList.owner_key)))),
  ) as SQL;

  const userByEmail = db.select().from(mUser).where(eq(mUser.email_address, sql.placeholder('email'))).prepare();
  const addressesOf = db
    .select(getTableColumns(mAddress))
    .from(mAddressList)
    .innerJoin(mAddress, eq(mAddress.address_id, mAddressList.item_key))
    .where(eq(mAddressList.owner_key, sql.placeholder('user')))
    .orderBy(mAddressList.position)
    .prepare();
  const cardsOf = db
    .select(getTableColumns(mCard))
    .from(mCardList)
    .innerJoin(mCard, eq(mCard.id, mCardList.item_key))
    .where(eq(mCardList.owner_key, sql.placeholder('user')))
    .orderBy(mCardList.position)
    .prepare();

  return {
    name: 'Drizzle',
    // Statements inside a transaction run on its connection: built on `tx`, not prepared on the pool.
    create: (input) =>
      db.transaction(async (tx) => {
        // MariaDB has no FOR SHARE, which is what Drizzle's .for('share') writes: the lock is written in SQL.
        const [existing] = (await tx.execute(sql`SELECT * FROM ${mAddress} WHERE ${mAddress.address_id} = ${input.existingAddressId} LOCK IN SHARE MODE`)) as unknown as [Row[]];
        if (existing.length !== 1) throw new Error('no such address');
        const rows = rowsOfNewUser(input, new Date());
        await tx.insert(mAddress).values(rows.addresses);
        await tx.insert(mCard).values(rows.cards);
        await tx.insert(mUser).values(rows.user);
        await tx.insert(mAddressList).values(rows.addressLinks);
        await tx.insert(mCardList).values(rows.cardLinks);
        return userEntity(rows.user, [...rows.addresses, ...existing], rows.cards);
      }),
    async query(email) {
      const [user] = await userByEmail.execute({ email });
      if (!user) return [];
      return [userEntity(user, await addressesOf.execute({ user: user.user_id }), await cardsOf.execute({ user: user.user_id }))];
    },
    delete: (email) =>
      db.transaction(async (tx): Promise<Deleted> => {
        const [user] = await tx.select().from(mUser).where(eq(mUser.email_address, email)).for('update');
        if (!user) return { count: 0, commerceEntities: [] };
        const addresses: Row[] = await tx
          .select({ ...getTableColumns(mAddress), used: sql<number>`${addressUsed}`, billed: sql<number>`${addressBilled}` })
          .from(mAddressList)
          .innerJoin(mAddress, eq(mAddress.address_id, mAddressList.item_key))
          .where(eq(mAddressList.owner_key, user.user_id))
          .orderBy(mAddressList.position)
          .for('update');
        const cards: Row[] = await tx
          .select({ ...getTableColumns(mCard), used: sql<number>`${cardUsed}` })
          .from(mCardList)
          .innerJoin(mCard, eq(mCard.id, mCardList.item_key))
          .where(eq(mCardList.owner_key, user.user_id))
          .orderBy(mCardList.position)
          .for('update');
        const going = decideDeletion(addresses, cards);
        if (going.cards.length) await tx.delete(mCard).where(inArray(mCard.id, going.cards));
        await tx.delete(mUser).where(eq(mUser.user_id, user.user_id));
        if (going.addresses.length) await tx.delete(mAddress).where(inArray(mAddress.address_id, going.addresses));
        return { count: 1, commerceEntities: [userEntity(user, addresses, cards)] };
      }),
    close: () => new Promise<void>((resolve, reject) => pool.end((error) => (error ? reject(error) : resolve()))),
  };
}
