import knexFactory, { type Knex } from 'knex';
import { onMariaDbOnly } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';

const padBinary = 'COLLATE utf8mb4_bin';

/** Tables as the previous release made them: key columns binary but PAD SPACE, a link table with foreign keys on them. */
async function previousReleaseTables(knex: Knex): Promise<void> {
  const table = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci';
  await knex.raw(`CREATE TABLE shipping_method (shipping_method_id VARCHAR(64) ${padBinary} NOT NULL, name VARCHAR(256), description VARCHAR(1024), PRIMARY KEY (shipping_method_id)) ${table}`);
  await knex.raw(`CREATE TABLE user_object (user_id VARCHAR(64) ${padBinary} NOT NULL, email_address VARCHAR(64) ${padBinary} NOT NULL, PRIMARY KEY (user_id), UNIQUE KEY user_object_email_address_unique (email_address)) ${table}`);
  await knex.raw(
    `CREATE TABLE user_object_shipping_method_list (owner_key VARCHAR(64) ${padBinary} NOT NULL, item_key VARCHAR(64) ${padBinary} NOT NULL, position INT NOT NULL,
     PRIMARY KEY (owner_key, item_key), KEY user_object_shipping_method_list_item (item_key, owner_key),
     CONSTRAINT user_object_shipping_method_list_owner_fk FOREIGN KEY (owner_key) REFERENCES user_object (user_id) ON DELETE CASCADE,
     CONSTRAINT user_object_shipping_method_list_item_fk FOREIGN KEY (item_key) REFERENCES shipping_method (shipping_method_id) ON DELETE CASCADE) ${table}`,
  );
  await knex.raw(`CREATE TABLE blocked_users (user_id VARCHAR(255) ${padBinary} NOT NULL, blocked_at DATETIME(3) NOT NULL, PRIMARY KEY (user_id)) ${table}`);
  await knex('shipping_method').insert({ shipping_method_id: 'm1', name: 'Post' });
  await knex('user_object').insert({ user_id: 'u1', email_address: 'u1@example.com' });
  await knex('user_object_shipping_method_list').insert({ owner_key: 'u1', item_key: 'm1', position: 0 });
  await knex('blocked_users').insert({ user_id: 'bob', blocked_at: new Date() });
}

async function collations(knex: Knex): Promise<Record<string, string>> {
  const [rows] = await knex.raw(
    "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS c, COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME LIKE '%\\_bin'",
  );
  return Object.fromEntries((rows as { c: string; collation: string }[]).map((r) => [r.c, r.collation]));
}

async function foreignKeys(knex: Knex): Promise<string[]> {
  const [rows] = await knex.raw(
    'SELECT CONSTRAINT_NAME AS name, DELETE_RULE AS rule FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY CONSTRAINT_NAME',
    ['user_object_shipping_method_list'],
  );
  return (rows as { name: string; rule: string }[]).map((r) => `${r.name} ${r.rule}`);
}

onMariaDbOnly('key columns of the previous release', (target) => {
  test('start-up moves them to a NO PAD binary collation, keeping their rows and foreign keys', async () => {
    const database = await target.create();
    const { connection } = database as { connection: string };
    const old = knexFactory({ client: 'mysql2', connection: { uri: connection }, pool: { min: 0, max: 1 } } as Knex.Config);
    try {
      await previousReleaseTables(old);
    } finally {
      await old.destroy();
    }

    const { foundation } = await startFoundation(target, { database });

    const keyColumns = await collations(foundation.knex);
    for (const column of ['shipping_method.shipping_method_id', 'user_object.user_id', 'user_object.email_address', 'user_object_shipping_method_list.owner_key', 'user_object_shipping_method_list.item_key', 'blocked_users.user_id']) {
      expect([column, keyColumns[column]]).toEqual([column, 'utf8mb4_nopad_bin']);
    }
    expect(Object.values(keyColumns)).not.toContain('utf8mb4_bin');
    expect(await foreignKeys(foundation.knex)).toEqual(['user_object_shipping_method_list_item_fk CASCADE', 'user_object_shipping_method_list_owner_fk CASCADE']);

    const { profiles } = foundation;
    expect(await profiles.isUserBlocked('bob')).toBe(true);
    expect(await profiles.isUserBlocked('bob ')).toBe(false);
    expect((await profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.shipping_method_list')).toEqual(['m1']);
    await (await profiles.createProfile('u1 ', 'UserObject')).set('GeneralInfo.email_address', 'u1@example.com ').update();
    await foundation.knex('shipping_method').where({ shipping_method_id: 'm1' }).delete();
    expect(await foundation.knex('user_object_shipping_method_list').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
