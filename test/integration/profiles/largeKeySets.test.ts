import type { CommerceFoundation } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';

/** More keys than SQLite binds in one statement (32,766). */
const many = 40_000;
const ids = (count: number, prefix = 'm') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

async function saveShippingMethods(foundation: CommerceFoundation, keys: readonly string[]): Promise<void> {
  const { profiles } = foundation;
  await profiles.saveProfiles(keys.map((id) => profiles.newProfile(id, 'ShippingMethod').set('GeneralInfo.name', `Method ${id}`)));
}

/** The statements each set-based call sends, for `count` keys. */
async function statementsFor(s: Started, count: number): Promise<Record<string, number>> {
  const { profiles, profileManagement } = s.foundation;
  const keys = ids(count, `n${count}-`);
  const counts: Record<string, number> = {};
  const measure = async (name: string, call: () => Promise<unknown>) => {
    await profileManagement.refreshProfileCache();
    s.sql.reset();
    await call();
    counts[name] = s.sql.count();
  };
  await saveShippingMethods(s.foundation, keys);
  const owner = profiles.newProfile(`owner${count}`, 'UserObject').set('GeneralInfo.email_address', `owner${count}@example.com`);
  await owner.set('GeneralInfo.shipping_method_list', keys).update();
  const renamed = (await profiles.getProfiles(keys, 'ShippingMethod')).map((p) => p.set('GeneralInfo.name', 'Renamed'));
  await profiles.saveProfiles(renamed); // a statement per batch of rows
  expect(await s.foundation.knex('shipping_method').where('name', 'Renamed').count({ n: '*' })).toEqual([{ n: count }]);
  await measure('getProfiles', async () => expect(await profiles.getProfiles(keys, 'ShippingMethod')).toHaveLength(count));
  await measure('preloadProfiles', () => profiles.preloadProfiles([{ profileType: 'ShippingMethod', keys }]));
  await measure('findReferrers', async () => expect(await profiles.findReferrers('ShippingMethod', keys)).toHaveLength(count));
  await measure('lockForDecision', async () => {
    const [decision] = await profiles.lockForDecision([{ profileType: 'ShippingMethod', keys, excluded: { UserObject: [`owner${count}`] } }]);
    expect([...(decision?.used.values() ?? [])].filter((used) => used)).toEqual([]);
  });
  await measure('getProfile with its list', async () => expect((await profiles.getProfile(`owner${count}`, 'UserObject'))?.get('GeneralInfo.shipping_method_list')).toHaveLength(count));
  await measure('deleteProfiles', async () => expect(await profiles.deleteProfiles(keys, 'ShippingMethod')).toBe(count));
  return counts;
}

/** Set-based reads and deletes of more keys than a statement can bind, in as many statements as for two; writes in batches. */
forEachDatabase((target) => {
  test(`${many} keys are read, listed and deleted in the statements two keys take`, async () => {
    const s = await startFoundation(target);
    const few = await statementsFor(s, 2);
    expect(await statementsFor(s, many)).toEqual(few);
    expect(await s.foundation.knex('shipping_method').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await s.foundation.knex('user_object_shipping_method_list').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
