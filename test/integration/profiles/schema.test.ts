import { ConfigurationError } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { indexesOf, isNullable } from '../../support/introspect.js';
import { startFoundation } from '../../support/startFoundation.js';
import { tempApp } from '../../support/tempApp.js';

const wishList = (...extra: object[]) => ({
  name: 'WishList',
  properties: [
    { name: 'GeneralInfo.id', type: 'string', keys: ['PRIMARY'], maxLength: 40 },
    { name: 'GeneralInfo.code', type: 'number', keys: ['JOIN'] },
    { name: 'GeneralInfo.title', type: 'string' },
    ...extra,
  ],
});

forEachDatabase((target) => {
  test('starting on an empty database creates every table, link table and the blocked-users table', async () => {
    const { foundation, stop } = await startFoundation(target);
    for (const table of ['user_object', 'address', 'credit_card', 'shipping_method', 'user_object_address_list', 'user_object_credit_card_list', 'user_object_shipping_method_list', 'blocked_users']) {
      expect(await foundation.knex.schema.hasTable(table)).toBe(true);
    }
    await stop();
  });

  test('every key column is NOT NULL and UNIQUE, and other columns accept NULL', async () => {
    const { foundation, stop } = await startFoundation(target, { files: { 'config/profiles/WishList.json': wishList() } });
    const { knex } = foundation;
    for (const column of ['id', 'code']) expect(await isNullable(knex, 'wish_list', column)).toBe(false);
    expect(await isNullable(knex, 'wish_list', 'title')).toBe(true);
    const unique = (await indexesOf(knex, 'wish_list')).filter((i) => i.unique).map((i) => i.columns);
    expect(unique).toEqual(expect.arrayContaining([['id'], ['code']]));
    expect((await indexesOf(knex, 'user_object')).filter((i) => i.unique).map((i) => i.columns)).toEqual(
      expect.arrayContaining([['user_id'], ['email_address']]),
    );
    await knex('wish_list').insert({ id: 'w1', code: 1 });
    // Matched by message: better-sqlite3's errors come from another jest realm, so toThrow() would not see them.
    await expect(knex('wish_list').insert({ id: 'w2', code: 1 })).rejects.toHaveProperty('message', expect.stringMatching(/UNIQUE|Duplicate/));
    await expect(knex('wish_list').insert({ id: 'w3', code: null })).rejects.toHaveProperty('message', expect.stringMatching(/NOT NULL|cannot be null/));
    await expect(knex('wish_list').insert({ id: 'w1', code: 2 })).rejects.toHaveProperty('message', expect.stringMatching(/UNIQUE|Duplicate/));
    await stop();
  });

  test('a multi-valued reference is a link table indexed in both directions', async () => {
    const { foundation, stop } = await startFoundation(target);
    const indexes = (await indexesOf(foundation.knex, 'user_object_address_list')).map((i) => i.columns);
    expect(indexes).toEqual(expect.arrayContaining([['owner_key', 'item_key'], ['item_key', 'owner_key']]));
    await stop();
  });

  test('a property added to a definition adds its column at the next start; removing one drops nothing', async () => {
    const app = tempApp({ 'config/profiles/WishList.json': wishList() });
    const first = await startFoundation(target, { app });
    const list = await first.foundation.profiles.createProfile('w1', 'WishList');
    await list.set('GeneralInfo.code', 7).set('GeneralInfo.title', 'Birthday').update();
    await first.stop();

    app.write('config/profiles/WishList.json', wishList({ name: 'GeneralInfo.budget', type: 'number' }, { name: 'GeneralInfo.items', type: 'profile', references: 'Address', multiValued: true }));
    const second = await startFoundation(target, { app, database: first.database });
    const columns = Object.keys(await second.foundation.knex('wish_list').columnInfo());
    expect(columns).toEqual(expect.arrayContaining(['id', 'code', 'title', 'budget']));
    expect(await second.foundation.knex.schema.hasTable('wish_list_items')).toBe(true);
    const reread = await second.foundation.profiles.getProfile('w1', 'WishList');
    expect(reread?.values()).toMatchObject({ 'GeneralInfo.title': 'Birthday', 'GeneralInfo.budget': null, 'GeneralInfo.items': [] });
    await second.stop();

    app.write('config/profiles/WishList.json', wishList());
    const third = await startFoundation(target, { app, database: first.database });
    expect(Object.keys(await third.foundation.knex('wish_list').columnInfo())).toContain('budget');
    expect((await third.foundation.profiles.getProfile('w1', 'WishList'))?.get('GeneralInfo.title')).toBe('Birthday');
    await third.stop();
    app.remove();
  });

  test('a key added to a definition whose table has rows is a start-up error, and nothing is changed', async () => {
    const app = tempApp({ 'config/profiles/WishList.json': wishList() });
    const first = await startFoundation(target, { app });
    await (await first.foundation.profiles.createProfile('w1', 'WishList')).set('GeneralInfo.code', 1).update();
    await first.stop();
    app.write('config/profiles/WishList.json', wishList({ name: 'GeneralInfo.slug', type: 'string', keys: ['UNIQUE'] }));
    const error = await startFoundation(target, { app, database: first.database }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toMatch(/WishList: key GeneralInfo\.slug cannot be added: table wish_list has rows/);
    app.write('config/profiles/WishList.json', wishList());
    const again = await startFoundation(target, { app, database: first.database });
    expect(Object.keys(await again.foundation.knex('wish_list').columnInfo())).not.toContain('slug');
    await again.stop();
    app.remove();
  });

  test('migrate: false skips the table step', async () => {
    const { foundation, stop } = await startFoundation(target, { migrate: false });
    expect(await foundation.knex.schema.hasTable('user_object')).toBe(false);
    await stop();
  });
});
