import { readFileSync } from 'node:fs';
import { CommerceCreate, ComponentFault, ItemDoesNotExistFault, type OperationContext } from '../../../src/index.js';
import { partitionHash } from '../../../src/storage/Partitions.js';
import { onMariaDbOnly } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { sequenceFile } from '../../support/tempApp.js';
import { addressModel, cardModel, createUser, deleteBy, queryBy, storedIds, testEncryptionKey } from '../../support/userProfiles.js';

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
  const knexOf = (index: number) => {
    const knex = s.foundation.profilesSystem.partitions.databases()[index];
    if (!knex) throw new Error(`there is no partition ${index}`);
    return knex;
  };

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

onMariaDbOnly('UserProfile operations on users partitioned by their HASHING key', (target) => {
  let s: Started;
  const hashedUsers = (() => {
    const shipped = JSON.parse(readFileSync(new URL('../../../modules/userprofile/config/profiles/UserObject.json', import.meta.url), 'utf8')) as {
      properties: { name: string; keys?: string[] }[];
    };
    const [first, ...rest] = shipped.properties;
    return { ...shipped, properties: [{ ...first, keys: ['DUAL', 'HASHING'] }, ...rest] };
  })();
  // Users in partitions 1 and 2: neither where the addresses live (0), nor together.
  const inPartition = (index: number, skip = 0) => Array.from({ length: 100 }, (_, i) => `user${i}`).filter((id) => partitionHash(id) % 3 === index)[skip] ?? '';
  const [ann, bob] = [inPartition(1), inPartition(2)];

  beforeEach(async () => {
    const urls = [await target.create(), await target.create(), await target.create()].map((d) => (d as { connection: string }).connection);
    s = await startFoundation(target, {
      files: { 'config/profiles/UserObject.json': hashedUsers, 'config/commerce.json': { encryptionKey: testEncryptionKey } },
      database: {
        client: 'mysql',
        connection: urls[0] ?? '',
        partitions: urls.map((connection, i) => ({ name: `p${i}`, connection, ...(i === 0 ? { default: true } : {}) })),
      },
    });
  });
  afterEach(() => s.stop());

  test('deleting a user keeps an address that a user in another partition lists, and frees it when that user goes too', async () => {
    await createUser(s.foundation, { id: ann, addresses: [addressModel('shared'), addressModel('own')] });
    await createUser(s.foundation, { id: bob, addresses: ['shared'] });
    await s.foundation.processRequest(deleteBy('id', ann, 'Addresses'));
    expect((await storedIds(s.foundation)).addresses).toEqual(['shared']);
    await s.foundation.profileManagement.refreshProfileCache();
    const listed = (await s.foundation.processRequest(queryBy('id', bob, 'Addresses'))).operationResponses[0].commerceEntities[0]?.addresses;
    expect(listed?.map((a) => a.id)).toEqual(['shared']);
    await s.foundation.processRequest(deleteBy('id', bob, 'Addresses'));
    expect((await storedIds(s.foundation)).addresses).toEqual([]);
  });

  test('a credit card in the default database still holding an address keeps it when its user in another partition goes', async () => {
    await createUser(s.foundation, { id: ann, addresses: [addressModel('billing')] });
    await createUser(s.foundation, { id: bob, cards: [cardModel('card', { billingAddressId: 'billing' })] });
    await s.foundation.processRequest(deleteBy('id', ann, 'Addresses'));
    expect((await storedIds(s.foundation)).addresses).toEqual(['billing']);
  });

  test('a list naming an address that exists in no database is ItemDoesNotExistFault, and nothing is stored', async () => {
    const { profiles } = s.foundation;
    const user = profiles.newProfile(ann, 'UserObject').set('GeneralInfo.email_address', 'ann@example.com').set('GeneralInfo.address_list', ['nowhere']);
    await expect(user.update()).rejects.toBeInstanceOf(ItemDoesNotExistFault);
    expect(await profiles.getProfile(ann, 'UserObject')).toBeNull();
  });
});
