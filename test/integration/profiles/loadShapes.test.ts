import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { addressModel, createShippingMethods, createUser, queryBy, testEncryptionKey } from '../../support/userProfiles.js';

/**
 * The profile loader keeps the text of its one-statement load by the shape of what it loads (types, keys, how many
 * of each) and binds the values anew each time: loads of alternating shapes and values each find exactly their own.
 */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } });
    await createShippingMethods(s.foundation, ['m1', 'm2', 'm3', 'm4']);
  });

  /** Preloads `keys` into an emptied cache: one statement, its values bound. */
  const names = async (keys: string[]) => {
    const { profiles, profileManagement } = s.foundation;
    await profileManagement.refreshProfileCache();
    s.sql.reset();
    await profiles.preloadProfiles([{ profileType: 'ShippingMethod', keys }]);
    expect(s.sql.count()).toBe(1);
  };

  test('one key, three, one other, two: each load binds as many values as its text has places for, in one statement', async () => {
    for (const keys of [['m1'], ['m1', 'm2', 'm3'], ['m4'], ['m2', 'm4'], ['m3'], ['m1', 'gone']]) await names(keys);
  });

  test('a repeated shape sends the same text; another key count or another type, another text where the dialect needs one', async () => {
    const textOf = async (keys: string[]) => {
      s.sql.reset();
      await names(keys);
      return s.sql.statements.join('\n');
    };
    const one = await textOf(['m1']);
    expect(await textOf(['m4'])).toBe(one);
    expect(one).toContain('shipping_method');
    await s.foundation.profileManagement.refreshProfileCache();
    s.sql.reset();
    await s.foundation.profiles.preloadProfiles([
      { profileType: 'ShippingMethod', keys: ['m2'] },
      { profileType: 'Address', keys: ['nowhere'] },
    ]);
    expect(s.sql.statements).toHaveLength(1);
    expect(s.sql.statements[0]).not.toBe(one);
    expect(s.sql.statements[0]).toContain('address');
  });

  test('users queried by email in turn, with their addresses through the user: each gets its own', async () => {
    for (const id of ['u1', 'u2', 'u3']) {
      await createUser(s.foundation, { id, addresses: [addressModel(`${id}-a1`, { city: `City of ${id}` }), addressModel(`${id}-a2`)] });
    }
    for (const id of ['u2', 'u1', 'u3', 'u2']) {
      await s.foundation.profileManagement.refreshProfileCache();
      const response = await s.foundation.processRequest(queryBy('email', `${id}@example.com`, 'Addresses'));
      const [user] = response.operationResponses[0].commerceEntities;
      expect(user?.id).toBe(id);
      expect(user?.addresses?.map((a) => [a.id, a.city])).toEqual([
        [`${id}-a1`, `City of ${id}`],
        [`${id}-a2`, 'Oslo'],
      ]);
    }
  });
  test('profiles read cold with what they reference: by another key or their own, through a list or a single reference, two owners sharing an item; one statement, then every item from the cache', async () => {
    for (const id of ['u1', 'u2']) {
      await createUser(s.foundation, { id, addresses: [addressModel(`${id}-a1`, { city: `City of ${id}` }), id === 'u1' ? addressModel('shared', { city: 'Shared' }) : 'shared'], extra: { preferredAddressId: `${id}-a1` } });
    }
    const { profiles, profileManagement } = s.foundation;
    const list = 'GeneralInfo.address_list';
    const preferred = 'GeneralInfo.preferred_address';
    const reads: [string, () => Promise<unknown>, string[]][] = [
      ['by email, both', () => profiles.getProfile('GeneralInfo.email_address', 'u1@example.com', 'UserObject', { include: [list, preferred] }), ['u1-a1', 'shared']],
      ['by id, the single reference', () => profiles.getProfile('u2', 'UserObject', { include: [preferred] }), ['u2-a1']],
      ['two by id, the list', () => profiles.getProfiles(['u1', 'u2'], 'UserObject', { include: [list] }), ['u1-a1', 'u2-a1', 'shared']],
      ['two by email, the single reference', () => profiles.getProfiles(['u1@example.com', 'u2@example.com'], 'UserObject', { include: [preferred], keyName: 'GeneralInfo.email_address' }), ['u1-a1', 'u2-a1']],
    ];
    for (const [what, read, included] of reads) {
      await profileManagement.refreshProfileCache();
      s.sql.reset();
      await read();
      expect([what, s.sql.count()]).toEqual([what, 1]);
      s.sql.reset();
      const items = await profiles.getProfiles(included, 'Address');
      expect([what, s.sql.count()]).toEqual([what, 0]);
      expect(items.map((a) => [a.primaryKey, a.get('GeneralInfo.city')])).toEqual(included.map((id) => [id, id === 'shared' ? 'Shared' : `City of ${id.slice(0, 2)}`]));
    }
  });

  test('reads through one key with other key counts and other includes in turn, each shape twice: each binds and finds exactly its own', async () => {
    for (const id of ['u1', 'u2', 'u3']) {
      await createUser(s.foundation, { id, addresses: [addressModel(`${id}-a1`), addressModel(`${id}-a2`)], extra: { preferredAddressId: `${id}-a2` } });
    }
    const { profiles, profileManagement } = s.foundation;
    const list = 'GeneralInfo.address_list';
    const preferred = 'GeneralInfo.preferred_address';
    const shapes: [string[], string[], string[]][] = [
      [['u1'], [list, preferred], ['u1-a1', 'u1-a2']],
      [['u2', 'u3'], [preferred], ['u2-a2', 'u3-a2']],
      [['u3'], [preferred], ['u3-a2']],
      [['u2'], [list], ['u2-a1', 'u2-a2']],
      [['u3', 'u1'], [list, preferred], ['u3-a1', 'u3-a2', 'u1-a1', 'u1-a2']],
      [['u1', 'u2', 'u3'], [preferred, list], ['u1-a1', 'u1-a2', 'u2-a1', 'u2-a2', 'u3-a1', 'u3-a2']],
    ];
    for (const round of [1, 2]) {
      for (const [users, include, items] of shapes) {
        const what = `round ${round}: ${users.join(',')} with ${include.join(',')}`;
        await profileManagement.refreshProfileCache();
        s.sql.reset();
        const found = await profiles.getProfiles(users.map((u) => `${u}@example.com`), 'UserObject', { include, keyName: 'GeneralInfo.email_address' });
        expect([what, found.map((p) => p.primaryKey), s.sql.count()]).toEqual([what, users, 1]);
        s.sql.reset();
        const cached = await profiles.getProfiles(items, 'Address');
        expect([what, cached.map((a) => a.primaryKey).sort(), s.sql.count()]).toEqual([what, [...items].sort(), 0]);
        // Nothing more than the includes asked for came with the users.
        const others = ['u1', 'u2', 'u3'].flatMap((u) => [`${u}-a1`, `${u}-a2`]).filter((a) => !items.includes(a));
        s.sql.reset();
        await profiles.getProfiles(others, 'Address');
        expect([what, s.sql.count()]).toEqual([what, others.length ? 1 : 0]);
      }
    }
  });
});
