import type { CommerceFoundation, ProfileSearchOptions } from '../../../src/index.js';
import { partitionHash } from '../../../src/storage/Partitions.js';
import { onMariaDbOnly } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';

const shopper = {
  name: 'Shopper',
  properties: [
    { name: 'GeneralInfo.shopper_id', type: 'string', keys: ['DUAL', 'HASHING'], maxLength: 40 },
    { name: 'GeneralInfo.name', type: 'string' },
    { name: 'GeneralInfo.rank', type: 'number' },
  ],
};

/** Names whose order is the collation's, not the bytes' (case, accents), some repeated, some missing. */
const names = ['anna', 'Anna', 'Åse', 'bjørn', 'Bjorn', 'Øystein', 'eva', 'Émile', 'zed', null, 'Zoë', 'ola'];
const ids = Array.from({ length: 60 }, (_, i) => `sh${String(i).padStart(2, '0')}`);

async function seed(foundation: CommerceFoundation) {
  const { profiles } = foundation;
  await profiles.saveProfiles(
    ids.map((id, i) => profiles.newProfile(id, 'Shopper').set('GeneralInfo.name', names[(i * 5) % names.length] ?? null).set('GeneralInfo.rank', (i * 7) % 10)),
  );
}

onMariaDbOnly('a search over partitions', (target) => {
  test('asks every partition and merges the pages in order: each page as one database answers it, the total the sum', async () => {
    const urls = [(await target.create()) as { connection: string }, (await target.create()) as { connection: string }].map((d) => d.connection);
    const files = { 'config/profiles/Shopper.json': shopper };
    const database = { client: 'mysql' as const, connection: urls[0] ?? '', partitions: urls.map((connection, i) => ({ name: `p${i}`, connection, ...(i === 0 ? { default: true } : {}) })) };
    const partitioned = await startFoundation(target, { files, database });
    const single = await startFoundation(target, { files });
    await seed(partitioned.foundation);
    await seed(single.foundation);
    // both partitions hold shoppers, so that the merge has work to do
    expect(new Set(ids.map((id) => partitionHash(id) % 2)).size).toBe(2);

    const searches: ProfileSearchOptions[] = [
      { sort: [{ property: 'GeneralInfo.name', sortDirection: 'Ascending' }], offset: 0, limit: 10, count: true },
      { sort: [{ property: 'GeneralInfo.name', sortDirection: 'Descending' }], offset: 20, limit: 15, count: true },
      { sort: [{ property: 'GeneralInfo.rank', sortDirection: 'Ascending' }, { property: 'GeneralInfo.name', sortDirection: 'Descending' }], offset: 50, limit: 20 },
      { filter: { property: 'GeneralInfo.name', op: 'startsWith', value: 'b' }, sort: [{ property: 'GeneralInfo.name', sortDirection: 'Ascending' }], count: true },
      { filter: { not: { property: 'GeneralInfo.rank', op: 'in', value: [1, 2, 3] } }, offset: 5, limit: 7, count: true },
    ];
    for (const search of searches) {
      const page = async (foundation: CommerceFoundation) => {
        const { profiles, totalCount } = await foundation.profileManagement.searchProfiles('Shopper', search);
        return { keys: profiles.map((p) => p.primaryKey), totalCount };
      };
      const expected = await page(single.foundation);
      expect(expected.keys.length).toBeGreaterThan(0);
      expect(await page(partitioned.foundation)).toEqual(expected);
    }
  });
});
