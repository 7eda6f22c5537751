import type { Knex } from 'knex';
import { decideDeletion, rowsOfNewUser, userEntity, type Deleted, type Row, type UserProfilePeer } from './peerWork.js';
import { addressesWithUse, cardsWithUse } from './rawDriver.js';

/**
 * Hand-written knex code on the framework's own knex (its pool and connection settings: on SQLite, the
 * prepared-statement cache): the query builder for the Query and the Create, the raw driver's decision SQL for the
 * Delete. What it costs beyond the raw driver is knex's own cost, which the framework pays too.
 */
export function knexPeer(knex: Knex): UserProfilePeer {
  const mysql = (knex.client as { config: Knex.Config }).config.client === 'mysql2';
  const rowsOf = (result: unknown) => (mysql ? (result as unknown[])[0] : result) as Row[];
  const lock = mysql ? ' FOR UPDATE' : '';
  // SQLite: a transaction that writes begins IMMEDIATE, as the framework's and the other peers' do.
  const writing = mysql ? undefined : { writes: true };
  const immediate = async <T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> => {
    if (!writing) return knex.transaction(work);
    // The framework's knex begins a transaction `{ writes: true }` with BEGIN IMMEDIATE (see sqliteKnex).
    const trx = await knex.transaction(writing as Knex.TransactionConfig);
    try {
      const result = await work(trx);
      await trx.commit();
      return result;
    } catch (error) {
      await trx.rollback();
      throw error;
    }
  };
  return {
    name: 'hand-written knex',
    create: (input) =>
      immediate(async (trx) => {
        const existingQuery = trx<Row, Row[]>('address').where('address_id', input.existingAddressId);
        const existing = await (mysql ? existingQuery.forShare() : existingQuery);
        if (existing.length !== 1) throw new Error('no such address');
        const rows = rowsOfNewUser(input, mysql ? new Date() : new Date().toISOString());
        await trx('address').insert(rows.addresses);
        await trx('credit_card').insert(rows.cards);
        await trx('user_object').insert(rows.user);
        await trx('user_object_address_list').insert(rows.addressLinks);
        await trx('user_object_credit_card_list').insert(rows.cardLinks);
        return userEntity(rows.user, [...rows.addresses, ...existing], rows.cards);
      }),
    async query(email) {
      const [user] = await knex<Row, Row[]>('user_object').where('email_address', email);
      if (!user) return [];
      const addresses = await knex<Row, Row[]>('user_object_address_list as l')
        .join('address as a', 'a.address_id', 'l.item_key')
        .where('l.owner_key', user['user_id'] as string)
        .orderBy('l.position')
        .select('a.*');
      const cards = await knex<Row, Row[]>('user_object_credit_card_list as l')
        .join('credit_card as c', 'c.id', 'l.item_key')
        .where('l.owner_key', user['user_id'] as string)
        .orderBy('l.position')
        .select('c.*');
      return [userEntity(user, addresses, cards)];
    },
    delete: (email) =>
      immediate(async (trx): Promise<Deleted> => {
        const userQuery = trx<Row, Row[]>('user_object').where('email_address', email);
        const [user] = await (mysql ? userQuery.forUpdate() : userQuery);
        if (!user) return { count: 0, commerceEntities: [] };
        const userId = user['user_id'] as string;
        const addresses = rowsOf(await trx.raw(`${addressesWithUse}${lock}`, [userId]));
        const cards = rowsOf(await trx.raw(`${cardsWithUse}${lock}`, [userId]));
        const going = decideDeletion(addresses, cards);
        if (going.cards.length) await trx('credit_card').whereIn('id', going.cards).delete();
        await trx('user_object').where('user_id', userId).delete();
        if (going.addresses.length) await trx('address').whereIn('address_id', going.addresses).delete();
        return { count: 1, commerceEntities: [userEntity(user, addresses, cards)] };
      }),
    close: () => Promise.resolve(),
  };
}
