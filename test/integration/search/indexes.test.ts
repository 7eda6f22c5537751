import { inspectConfiguration } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { indexesOf } from '../../support/introspect.js';
import { startFoundation } from '../../support/startFoundation.js';
import { tempApp } from '../../support/tempApp.js';

const wishList = (indexed: boolean) => ({
  name: 'WishList',
  properties: [
    { name: 'GeneralInfo.id', type: 'string', keys: ['DUAL'], maxLength: 40 },
    { name: 'GeneralInfo.title', type: 'string', ...(indexed ? { indexed: true } : {}) },
    { name: 'GeneralInfo.rank', type: 'number' },
  ],
});
const wishListModel = {
  name: 'WishList',
  profile: 'WishList',
  properties: { id: 'GeneralInfo.id', title: { profile: 'GeneralInfo.title', searchable: true }, rank: { profile: 'GeneralInfo.rank', searchable: true } },
};

forEachDatabase((target) => {
  const single = async (knex: Parameters<typeof indexesOf>[0], table: string) => (await indexesOf(knex, table)).filter((i) => !i.unique).map((i) => i.columns.join(','));

  test('"indexed": true gives the column an index; the shipped searchable properties have theirs', async () => {
    const { foundation } = await startFoundation(target, { files: { 'config/profiles/WishList.json': wishList(true) } });
    expect(await single(foundation.knex, 'wish_list')).toEqual(['title']);
    expect(await single(foundation.knex, 'user_object')).toEqual(expect.arrayContaining(['first_name', 'last_name', 'account_status', 'date_created', 'date_last_changed', 'org_id']));
  });

  test('migration adds the index to a table that exists, and never drops it', async () => {
    const app = tempApp({ 'config/profiles/WishList.json': wishList(false) });
    const database = await target.create();
    const first = await startFoundation(target, { app, database });
    expect(await single(first.foundation.knex, 'wish_list')).toEqual([]);
    await first.stop();
    app.write('config/profiles/WishList.json', wishList(true));
    const second = await startFoundation(target, { app, database });
    expect(second.foundation.migration?.created).toEqual(['wish_list.title index']);
    expect(await single(second.foundation.knex, 'wish_list')).toEqual(['title']);
    await second.stop();
    app.write('config/profiles/WishList.json', wishList(false));
    const third = await startFoundation(target, { app, database });
    expect(third.foundation.migration?.created).toEqual([]);
    expect(await single(third.foundation.knex, 'wish_list')).toEqual(['title']);
    await third.stop();
    app.remove();
  });
});

test('commerce validate warns about a searchable property without an index, and only about that', async () => {
  const app = tempApp({ 'config/profiles/WishList.json': wishList(true), 'config/models/WishList.json': wishListModel });
  const { problems, warnings } = await inspectConfiguration({ root: app.root });
  expect(problems).toEqual([]);
  expect(warnings).toEqual([
    { file: expect.stringContaining('WishList.json') as string, path: 'properties.rank.searchable', message: expect.stringMatching(/^WishList\.rank is searchable, but WishList's GeneralInfo\.rank has no index.*"indexed": true/) as string },
  ]);
  app.remove();
});
