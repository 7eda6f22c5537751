import { CommerceCreate, ComponentFault, type OperationContext } from '../../../src/index.js';
import { partitionHash } from '../../../src/storage/Partitions.js';
import { onMariaDbOnly } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { sequenceFile } from '../../support/tempApp.js';

const shopper = {
  name: 'Shopper',
  properties: [
    { name: 'GeneralInfo.shopper_id', type: 'string', keys: ['DUAL', 'HASHING'], maxLength: 40 },
    { name: 'GeneralInfo.email', type: 'string', keys: ['UNIQUE'], required: true },
    { name: 'GeneralInfo.addresses', type: 'profile', references: 'Address', multiValued: true },
  ],
};

test('the partition hash is FNV-1a, the same on every server', () => {
  expect(partitionHash('')).toBe(0x811c9dc5);
  expect(partitionHash('a')).toBe(0xe40c292c);
  expect(partitionHash('foobar')).toBe(0xbf9cf968);
});

onMariaDbOnly('profiles partitioned by their HASHING key', (target) => {
  let s: Started;
  let partitionUrls: string[];
  const ids = Array.from({ length: 24 }, (_, i) => `s${i}`);

  beforeEach(async () => {
    const databases = [await target.create(), await target.create(), await target.create()] as { connection: string }[];
    partitionUrls = databases.map((d) => d.connection);
    s = await startFoundation(target, {
      files: { 'config/profiles/Shopper.json': shopper },
      database: {
        client: 'mysql',
        connection: partitionUrls[0] ?? '',
        partitions: partitionUrls.map((connection, i) => ({ name: `p${i}`, connection, ...(i === 0 ? { default: true } : {}) })),
      },
    });
  });

  const partitionOf = (id: string) => partitionHash(id) % 3;
  const knexOf = (index: number) => s.foundation.profilesSystem.partitions.databases()[index]!;

  async function createShoppers() {
    const { profiles } = s.foundation;
    await profiles.saveProfiles(ids.map((id) => profiles.newProfile(id, 'Shopper').set('GeneralInfo.email', `${id}@example.com`)));
  }

  test('every database gets the same tables', async () => {
    for (const index of [0, 1, 2]) {
      for (const table of ['shopper', 'shopper_addresses', 'address', 'user_object']) expect(await knexOf(index).schema.hasTable(table)).toBe(true);
    }
  });

  test('each profile is stored in the partition its HASHING value hashes to, and only there', async () => {
    await createShoppers();
    for (const index of [0, 1, 2]) {
      const stored = (await knexOf(index)('shopper').select('shopper_id')).map((r) => r.shopper_id).sort();
      expect(stored).toEqual(ids.filter((id) => partitionOf(id) === index).sort());
    }
    expect(new Set(ids.map(partitionOf)).size).toBe(3);
  });

  test('a lookup by the HASHING key asks one partition; by another key every partition, and still finds the profile', async () => {
    await createShoppers();
    await s.foundation.profileManagement.refreshProfileCache();
    s.sql.reset();
    const counted: string[] = [];
    for (const index of [1, 2]) knexOf(index).on('query', (q: { sql: string }) => counted.push(q.sql));
    expect((await s.foundation.profiles.getProfile('s5', 'Shopper'))?.get('GeneralInfo.email')).toBe('s5@example.com');
    expect(s.sql.count() + counted.length).toBe(1);
    expect((await s.foundation.profiles.getProfile('GeneralInfo.email', 's7@example.com', 'Shopper'))?.primaryKey).toBe('s7');
    expect(s.sql.count() + counted.length).toBe(4);
  });

  test('profiles without a HASHING key stay in the default database; lists may point across databases', async () => {
    const { profiles } = s.foundation;
    await profiles.saveProfiles(['a1', 'a2'].map((id) => profiles.newProfile(id, 'Address').set('GeneralInfo.city', id)));
    const far = ids.find((id) => partitionOf(id) === 2) ?? '';
    await profiles.newProfile(far, 'Shopper').set('GeneralInfo.email', 'far@example.com').set('GeneralInfo.addresses', ['a2', 'a1']).update();
    expect(await knexOf(0)('address').count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(await knexOf(2)('address').count({ n: '*' })).toEqual([{ n: 0 }]);
    await s.foundation.profileManagement.refreshProfileCache();
    expect((await profiles.getProfile(far, 'Shopper'))?.get('GeneralInfo.addresses')).toEqual(['a2', 'a1']);

    expect(await profiles.deleteProfile('a2', 'Address')).toBe(true);
    expect((await profiles.getProfile(far, 'Shopper'))?.get('GeneralInfo.addresses')).toEqual(['a1']);
    expect(await knexOf(2)('shopper_addresses').select('item_key')).toEqual([{ item_key: 'a1' }]);
  });

  test('an operation that wrote to several partitions and then failed leaves none of them changed', async () => {
    await s.stop();
    const WriteAll = {
      async execute(context: OperationContext) {
        await context.profiles.saveProfiles(ids.map((id) => context.profiles.newProfile(id, 'Shopper').set('GeneralInfo.email', `${id}@example.com`)));
      },
    };
    const Fail = { execute: () => Promise.reject(new Error('after writing to every partition')) };
    s = await startFoundation(target, {
      files: { 'config/profiles/Shopper.json': shopper, 'sequences/CommerceCreateOperation_Shopper.json': sequenceFile('WriteAll', 'Fail') },
      database: {
        client: 'mysql',
        connection: partitionUrls[0] ?? '',
        partitions: partitionUrls.map((connection, i) => ({ name: `p${i}`, connection, ...(i === 0 ? { default: true } : {}) })),
      },
      components: { WriteAll, Fail },
      migrate: false,
    });
    await expect(s.foundation.processRequest(new CommerceCreate('Shopper'))).rejects.toBeInstanceOf(ComponentFault);
    for (const index of [0, 1, 2]) expect(await knexOf(index)('shopper').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await s.foundation.profiles.getProfile('s1', 'Shopper')).toBeNull();
  });
});
