import type { Knex } from 'knex';

/**
 * The baseline: hand-written knex code that sends the least SQL for the same result as the framework, against the
 * same tables. It knows the schema by heart and checks only what this data set needs checked.
 */
const isMysql = (knex: Knex) => (knex.client as { config: Knex.Config }).config.client === 'mysql2';

function rowsOf(knex: Knex, result: unknown): Record<string, unknown>[] {
  return (isMysql(knex) ? (result as unknown[])[0] : result) as Record<string, unknown>[];
}

const listOf = (knex: Knex, table: string) =>
  isMysql(knex)
    ? `(SELECT CONCAT('[', GROUP_CONCAT(JSON_QUOTE(item_key) ORDER BY position), ']') FROM ${table} WHERE owner_key = u.user_id LOCK IN SHARE MODE)`
    : `(SELECT json_group_array(item_key ORDER BY position) FROM ${table} WHERE owner_key = u.user_id)`;

interface AddressRow {
  address_id: string;
  address_line1: string | null;
  city: string | null;
}

interface CardRow {
  id: string;
  last_4_digits: string;
}

const user = (row: Record<string, unknown>) => ({
  modelName: 'UserProfile',
  id: row['user_id'],
  email: row['email_address'],
  firstName: row['first_name'] ?? undefined,
  lastName: row['last_name'] ?? undefined,
  accountStatus: row['account_status'] ?? undefined,
});

/** Delete by email, with the user's addresses and cards that no one else uses: one transaction, seven statements. */
export async function deleteUserByEmail(knex: Knex, email: string): Promise<{ count: number; commerceEntities: unknown[] }> {
  return knex.transaction(async (trx) => {
    const lock = isMysql(knex) ? ' FOR UPDATE' : '';
    const [row] = rowsOf(
      knex,
      await trx.raw(
        `SELECT u.*, ${listOf(knex, 'user_object_address_list')} AS addresses, ${listOf(knex, 'user_object_credit_card_list')} AS cards FROM user_object u WHERE email_address = ?${lock}`,
        [email],
      ),
    );
    if (!row) return { count: 0, commerceEntities: [] };
    const userId = String(row['user_id']);
    // The lists come as JSON text; MySQL's CONCAT makes an empty one NULL.
    const addresses = JSON.parse((row['addresses'] as string | null) ?? '[]') as string[];
    const cards = JSON.parse((row['cards'] as string | null) ?? '[]') as string[];
    const share = isMysql(knex) ? ' LOCK IN SHARE MODE' : '';
    const wrap = (sql: string) => (isMysql(knex) ? `(${sql}${share})` : sql);
    const marks = (n: number) => Array(n).fill('?').join(', ') || 'NULL';
    // Who else uses them: other users' lists and preferences, and cards that stay (as billing addresses)
    const used = rowsOf(
      knex,
      await trx.raw(
        [
          wrap(`SELECT 'a' AS kind, item_key AS item, NULL AS via FROM user_object_address_list WHERE item_key IN (${marks(addresses.length)}) AND owner_key <> ?`),
          wrap(`SELECT 'a', preferred_address, NULL FROM user_object WHERE preferred_address IN (${marks(addresses.length)}) AND user_id <> ?`),
          wrap(`SELECT 'b', billing_address, id FROM credit_card WHERE billing_address IN (${marks(addresses.length)})`),
          wrap(`SELECT 'c', item_key, NULL FROM user_object_credit_card_list WHERE item_key IN (${marks(cards.length)}) AND owner_key <> ?`),
        ].join(' UNION ALL '),
        [...addresses, userId, ...addresses, userId, ...addresses, ...cards, userId],
      ),
    );
    const keptCards = new Set(used.filter((r) => r['kind'] === 'c').map((r) => String(r['item'])));
    const goingCards = cards.filter((c) => !keptCards.has(c));
    const keptAddresses = new Set(
      used.filter((r) => r['kind'] === 'a' || (r['kind'] === 'b' && !goingCards.includes(String(r['via'])))).map((r) => String(r['item'])),
    );
    const goingAddresses = addresses.filter((a) => !keptAddresses.has(a));
    if (goingCards.length) await trx('credit_card').whereIn('id', goingCards).delete();
    if (goingAddresses.length) await trx('address').whereIn('address_id', goingAddresses).delete();
    await trx('user_object').where({ user_id: userId }).delete();
    return { count: 1, commerceEntities: [user(row)] };
  });
}

/** Query by email with the user's addresses and cards: three statements, no transaction (like the framework's reads). */
export async function queryUserByEmail(knex: Knex, email: string): Promise<unknown[]> {
  const [row] = rowsOf(knex, await knex.raw(`SELECT * FROM user_object WHERE email_address = ?`, [email]));
  if (!row) return [];
  const addresses = await knex('address as a')
    .join('user_object_address_list as l', 'l.item_key', 'a.address_id')
    .where('l.owner_key', String(row['user_id']))
    .orderBy('l.position')
    .select<AddressRow[]>('a.*');
  const cards = await knex('credit_card as c')
    .join('user_object_credit_card_list as l', 'l.item_key', 'c.id')
    .where('l.owner_key', String(row['user_id']))
    .orderBy('l.position')
    .select<CardRow[]>('c.id', 'c.last_4_digits', 'c.expiration_month', 'c.expiration_year', 'c.billing_address', 'c.display_name');
  return [
    {
      ...user(row),
      addresses: addresses.map((a) => ({ modelName: 'Address', id: a.address_id, line1: a.address_line1, city: a.city })),
      creditCards: cards.map((c) => ({ modelName: 'CreditCard', id: c.id, creditCardNumber: `************${c.last_4_digits}`, creditCardIdentifier: c.last_4_digits })),
    },
  ];
}
