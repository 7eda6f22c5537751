import { ItemAlreadyExistsFault, ItemDoesNotExistFault, ValidationFault } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';

/** A definition with separate PRIMARY, JOIN and HASHING keys, and one of each property type. */
export const memberDefinition = {
  name: 'Member',
  properties: [
    { name: 'GeneralInfo.member_id', type: 'string', keys: ['PRIMARY'], maxLength: 40 },
    { name: 'GeneralInfo.member_no', type: 'number', keys: ['JOIN'] },
    { name: 'GeneralInfo.region', type: 'string', keys: ['HASHING'] },
    { name: 'GeneralInfo.email', type: 'string', keys: ['UNIQUE'], required: true },
    { name: 'GeneralInfo.nickname', type: 'string', maxLength: 10 },
    { name: 'GeneralInfo.active', type: 'boolean' },
    { name: 'GeneralInfo.joined', type: 'datetime' },
    { name: 'GeneralInfo.score', type: 'number' },
    { name: 'GeneralInfo.home', type: 'profile', references: 'Address' },
    { name: 'GeneralInfo.favourites', type: 'profile', references: 'Address', multiValued: true },
  ],
};

async function faultOf(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a fault');
}

forEachDatabase((target) => {
  let s: Started;
  const profiles = () => s.foundation.profiles;

  async function member(id: string, email: string, extra: Record<string, unknown> = {}) {
    const p = await profiles().createProfile(id, 'Member');
    p.set('GeneralInfo.email', email).set('GeneralInfo.region', `r-${id}`);
    for (const [name, value] of Object.entries(extra)) p.set(name, value);
    await p.update();
    return p;
  }

  async function address(id: string) {
    const a = await profiles().createProfile(id, 'Address');
    await a.set('GeneralInfo.city', `City ${id}`).update();
    return a;
  }

  /** The row as stored, read past the cache. */
  const stored = (table: string, where: Record<string, unknown>) => s.foundation.knex(table).where(where).first();

  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'config/profiles/Member.json': memberDefinition } });
  });
  afterEach(() => s.stop());

  describe('reading', () => {
    test('getProfile finds a profile by its PRIMARY key or by any key property, and answers null when absent', async () => {
      await member('m1', 'ann@example.com');
      for (const found of [
        await profiles().getProfile('m1', 'Member'),
        await profiles().getProfile('GeneralInfo.email', 'ann@example.com', 'Member'),
        await profiles().getProfile('GeneralInfo.region', 'r-m1', 'Member'),
      ]) {
        expect(found?.primaryKey).toBe('m1');
      }
      expect(await profiles().getProfile('nobody', 'Member')).toBeNull();
      expect(await profiles().getProfile('GeneralInfo.email', 'nobody@example.com', 'Member')).toBeNull();
    });

    test('a name that is no key, or a type that is no definition, is a fault naming what there is', async () => {
      const notKey = await faultOf(() => profiles().getProfile('GeneralInfo.nickname', 'x', 'Member'));
      expect(notKey).toBeInstanceOf(ValidationFault);
      expect((notKey as Error).message).toMatch(/GeneralInfo\.nickname is no key of Member; its keys are GeneralInfo\.member_id/);
      const noType = await faultOf(() => profiles().getProfile('m1', 'Robot'));
      expect((noType as Error).message).toMatch(/Robot is no profile definition; known: .*Member/);
      const badValue = await faultOf(() => profiles().getProfile('GeneralInfo.member_no', 'seven', 'Member'));
      expect((badValue as ValidationFault).validationErrors[0]?.property).toBe('GeneralInfo.member_no');
    });

    test('knownProfile answers what getProfile would from the cache, with the profiles `include` names, and undefined where getProfile would read the store', async () => {
      await address('a1');
      await address('a2');
      await member('m1', 'ann@example.com', { 'GeneralInfo.favourites': ['a1', 'a2'] });
      await s.foundation.profileManagement.refreshProfileCache();
      s.sql.reset();
      const favourites = { include: ['GeneralInfo.favourites'] };
      expect(profiles().knownProfile('GeneralInfo.email', 'ann@example.com', 'Member')).toBeUndefined();
      await profiles().getProfile('m1', 'Member'); // the member alone
      expect(profiles().knownProfile('GeneralInfo.email', 'ann@example.com', 'Member')?.primaryKey).toBe('m1');
      expect(profiles().knownProfile('GeneralInfo.member_id', 'm1', 'Member')?.get('GeneralInfo.favourites')).toEqual(['a1', 'a2']);
      expect(profiles().knownProfile('GeneralInfo.member_id', 'm1', 'Member', favourites)).toBeUndefined();
      await profiles().getProfiles(['a2'], 'Address');
      expect(profiles().knownProfile('GeneralInfo.member_id', 'm1', 'Member', favourites)).toBeUndefined(); // a1 is not cached yet
      await profiles().getProfiles(['a1'], 'Address');
      expect(profiles().knownProfile('GeneralInfo.member_id', 'm1', 'Member', favourites)?.primaryKey).toBe('m1');
      expect(profiles().peekProfiles(['a1', 'zz', 'a2'], 'Address').map((p) => p.get('GeneralInfo.city'))).toEqual(['City a1', 'City a2']);
      expect(s.sql.count()).toBe(3); // the three reads above, none by knownProfile or peekProfiles
    });

    test('knownProfile refuses what getProfile refuses, and an include that is no reference property', () => {
      expect(() => profiles().knownProfile('GeneralInfo.nickname', 'x', 'Member')).toThrow(/GeneralInfo\.nickname is no key of Member/);
      expect(() => profiles().knownProfile('GeneralInfo.member_no', 'seven', 'Member')).toThrow(ValidationFault);
      expect(() => profiles().knownProfile('GeneralInfo.member_id', 'm1', 'Robot')).toThrow(/Robot is no profile definition/);
      expect(() => profiles().knownProfile('GeneralInfo.member_id', 'm1', 'Member', { include: ['GeneralInfo.email'] })).toThrow(/GeneralInfo\.email is no reference property of Member/);
    });

    test('getProfiles reads many profiles in one statement and leaves out the absent', async () => {
      for (const id of ['a1', 'a2', 'a3']) await address(id);
      await s.foundation.profileManagement.refreshProfileCache();
      s.sql.reset();
      const found = await profiles().getProfiles(['a3', 'zz', 'a1', 'a2'], 'Address');
      expect(found.map((p) => p.primaryKey)).toEqual(['a3', 'a1', 'a2']);
      expect(s.sql.count()).toBe(1);
    });

    test('preloadProfiles reads profiles of several types in one statement; the reads that follow send none', async () => {
      await address('a1');
      await address('a2');
      await member('m1', 'ann@example.com', { 'GeneralInfo.favourites': ['a1', 'a2'] });
      await s.foundation.profileManagement.refreshProfileCache();
      s.sql.reset();
      await profiles().preloadProfiles([
        { profileType: 'Member', keys: ['m1', 'absent'] },
        { profileType: 'Address', keys: ['a1', 'a2'] },
      ]);
      expect(s.sql.count()).toBe(1);
      expect((await profiles().getProfile('m1', 'Member'))?.get('GeneralInfo.favourites')).toEqual(['a1', 'a2']);
      expect((await profiles().getProfiles(['a2', 'a1'], 'Address')).map((p) => p.get('GeneralInfo.city'))).toEqual(['City a2', 'City a1']);
      expect(s.sql.count()).toBe(1);
    });

    test('preloadProfiles checks every key before any SQL', async () => {
      s.sql.reset();
      await expect(profiles().preloadProfiles([{ profileType: 'Address', keys: ['a1', ''] }])).rejects.toBeInstanceOf(ValidationFault);
      await expect(profiles().preloadProfiles([{ profileType: 'Nope', keys: ['a1'] }])).rejects.toThrow(/Nope/);
      expect(s.sql.count()).toBe(0);
    });
  });

  describe('creating', () => {
    test('a created profile is not stored until update(), and then holds every value as given', async () => {
      await address('a1');
      await address('a2');
      const joined = new Date('2026-01-02T03:04:05.678Z');
      const p = await profiles().createProfile('m1', 'Member');
      p.set('GeneralInfo.email', 'ann@example.com').set('GeneralInfo.region', 'north').set('GeneralInfo.nickname', 'Annie');
      p.set('GeneralInfo.active', true).set('GeneralInfo.joined', joined).set('GeneralInfo.score', 12.5);
      p.set('GeneralInfo.home', 'a2').set('GeneralInfo.favourites', ['a2', 'a1']);
      expect(p.isNew).toBe(true);
      expect(await stored('member', { member_id: 'm1' })).toBeUndefined();
      await p.update();
      expect(p.isNew).toBe(false);
      await s.foundation.profileManagement.refreshProfileCache();
      const reread = await profiles().getProfile('m1', 'Member');
      expect(reread?.values()).toMatchObject({
        'GeneralInfo.email': 'ann@example.com',
        'GeneralInfo.nickname': 'Annie',
        'GeneralInfo.active': true,
        'GeneralInfo.joined': joined,
        'GeneralInfo.score': 12.5,
        'GeneralInfo.home': 'a2',
        'GeneralInfo.favourites': ['a2', 'a1'],
      });
    });

    test('a JOIN value is generated when none is given; a DUAL key is its own JOIN value', async () => {
      const p = await member('m1', 'ann@example.com');
      expect(typeof p.get('GeneralInfo.member_no')).toBe('number');
      const q = await member('m2', 'bob@example.com', { 'GeneralInfo.member_no': 42 });
      expect(q.get('GeneralInfo.member_no')).toBe(42);
      expect((await stored('member', { member_id: 'm2' }))?.member_no).toBe(42);
    });

    test('createProfile of an existing PRIMARY key is ItemAlreadyExistsFault, cached or not', async () => {
      await member('m1', 'ann@example.com');
      expect(await faultOf(() => profiles().createProfile('m1', 'Member'))).toBeInstanceOf(ItemAlreadyExistsFault);
      await s.foundation.profileManagement.refreshProfileCache();
      expect(await faultOf(() => profiles().createProfile('m1', 'Member'))).toBeInstanceOf(ItemAlreadyExistsFault);
    });

    test('the store refuses a duplicate PRIMARY key that no check saw coming', async () => {
      await member('m1', 'ann@example.com');
      await s.foundation.profileManagement.refreshProfileCache();
      const twin = profiles().newProfile('m1', 'Member').set('GeneralInfo.email', 'other@example.com').set('GeneralInfo.region', 'x');
      const fault = await faultOf(() => twin.update());
      expect(fault).toBeInstanceOf(ItemAlreadyExistsFault);
      expect((fault as Error).message).toBe('A Member with this GeneralInfo.member_id already exists');
      expect((await stored('member', { member_id: 'm1' }))?.email).toBe('ann@example.com');
    });

    test('a profile without a value for a key or required property is not stored', async () => {
      const p = await profiles().createProfile('m1', 'Member');
      p.set('GeneralInfo.region', 'north');
      const fault = await faultOf(() => p.update());
      expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'GeneralInfo.email', errorMessage: 'is required' }]);
      expect(await stored('member', { member_id: 'm1' })).toBeUndefined();
      expect(await profiles().getProfile('m1', 'Member')).toBeNull();
    });
    test("queue.fault words the call's own failures too: a missing required value, a key already taken", async () => {
      class InMyWords extends Error {
        constructor(override readonly cause: unknown) {
          super('in my words');
        }
      }
      const queue = { fault: (error: unknown) => new InMyWords(error) };
      await member('m1', 'ann@example.com');
      const missing = profiles().newProfile('m2', 'Member').set('GeneralInfo.region', 'north');
      const taken = profiles().newProfile('m3', 'Member').set('GeneralInfo.region', 'north').set('GeneralInfo.email', 'ann@example.com');
      for (const [profile, cause] of [
        [missing, ValidationFault],
        [taken, ItemAlreadyExistsFault],
      ] as const) {
        const fault = await faultOf(() => profiles().saveProfiles([profile], { queue }));
        expect(fault).toBeInstanceOf(InMyWords);
        expect((fault as InMyWords).cause).toBeInstanceOf(cause);
        // Without queue the call throws the fault as it is.
        expect(await faultOf(() => profiles().saveProfiles([profile]))).toBeInstanceOf(cause);
      }
      const badKey = await faultOf(() => profiles().deleteProfiles([42], 'Member', { queue }));
      expect((badKey as InMyWords).cause).toBeInstanceOf(ValidationFault);
      expect(await stored('member', { member_id: 'm2' })).toBeUndefined();
      expect(await stored('member', { member_id: 'm3' })).toBeUndefined();
    });
  });

  describe('key rules', () => {
    test.each([
      ['PRIMARY', 'GeneralInfo.member_id', 'm9'],
      ['JOIN', 'GeneralInfo.member_no', 999],
      ['HASHING', 'GeneralInfo.region', 'south'],
    ])('a %s value cannot change once the profile is created; store and cache keep the old one', async (kind, name, value) => {
      const p = await member('m1', 'ann@example.com', { 'GeneralInfo.member_no': 5 });
      const before = p.get(name);
      const fault = await faultOf(() => p.set(name, value));
      expect(fault).toBeInstanceOf(ValidationFault);
      expect((fault as Error).message).toContain(`is a ${kind} key: its value cannot change`);
      expect(p.get(name)).toEqual(before);
      await p.update();
      const column = name.split('.')[1] ?? '';
      expect((await stored('member', { member_id: 'm1' }))?.[column]).toEqual(before);
      s.sql.reset();
      expect((await profiles().getProfile('m1', 'Member'))?.get(name)).toEqual(before);
      expect(s.sql.count()).toBe(0);
    });

    test('JOIN and HASHING values may be set freely until the profile is first stored', async () => {
      const p = await profiles().createProfile('m1', 'Member');
      p.set('GeneralInfo.region', 'north').set('GeneralInfo.region', 'south').set('GeneralInfo.member_no', 1).set('GeneralInfo.member_no', 2);
      await p.set('GeneralInfo.email', 'a@example.com').update();
      expect((await stored('member', { member_id: 'm1' }))?.region).toBe('south');
    });

    test('a key value cannot be null or empty', async () => {
      const p = await member('m1', 'ann@example.com');
      for (const value of [null, undefined, '']) {
        const fault = await faultOf(() => p.set('GeneralInfo.email', value));
        expect((fault as ValidationFault).validationErrors[0]?.property).toBe('GeneralInfo.email');
      }
      expect(p.get('GeneralInfo.email')).toBe('ann@example.com');
    });

    test('a UNIQUE value can change; the old value then finds nothing and the new one finds the profile', async () => {
      const p = await member('m1', 'ann@example.com');
      await p.set('GeneralInfo.email', 'ann@new.example.com').update();
      expect(await profiles().getProfile('GeneralInfo.email', 'ann@example.com', 'Member')).toBeNull();
      expect((await profiles().getProfile('GeneralInfo.email', 'ann@new.example.com', 'Member'))?.primaryKey).toBe('m1');
      expect((await stored('member', { member_id: 'm1' }))?.email).toBe('ann@new.example.com');
    });

    test('a duplicate UNIQUE value is ItemAlreadyExistsFault from the cache, before any SQL; nothing changes', async () => {
      await member('m1', 'ann@example.com');
      const bob = await member('m2', 'bob@example.com');
      s.sql.reset();
      const fault = await faultOf(() => bob.set('GeneralInfo.email', 'ann@example.com').update());
      expect(fault).toBeInstanceOf(ItemAlreadyExistsFault);
      expect((fault as Error).message).toBe('A Member with this GeneralInfo.email already exists');
      expect(s.sql.count()).toBe(0);
      expect((await profiles().getProfile('GeneralInfo.email', 'ann@example.com', 'Member'))?.primaryKey).toBe('m1');
      expect((await profiles().getProfile('GeneralInfo.email', 'bob@example.com', 'Member'))?.primaryKey).toBe('m2');
    });

    test('a duplicate UNIQUE value the cache cannot see is refused by the store; store and cache keep the old values', async () => {
      await member('m1', 'ann@example.com');
      const bob = await member('m2', 'bob@example.com');
      s.foundation.profilesSystem.cache.evict('Member', 'm1');
      const fault = await faultOf(() => bob.set('GeneralInfo.email', 'ann@example.com').update());
      expect(fault).toBeInstanceOf(ItemAlreadyExistsFault);
      expect((fault as Error).message).toMatch(/GeneralInfo\.email/);
      expect((await stored('member', { member_id: 'm2' }))?.email).toBe('bob@example.com');
      s.sql.reset();
      expect((await profiles().getProfile('GeneralInfo.email', 'bob@example.com', 'Member'))?.primaryKey).toBe('m2');
      expect(s.sql.count()).toBe(0);
    });
  });

  describe('values', () => {
    test.each([
      ['GeneralInfo.nickname', 'far too long a name', /longer than 10/],
      ['GeneralInfo.score', 'high', /finite number/],
      ['GeneralInfo.active', 'yes', /true or false/],
      ['GeneralInfo.joined', 'not a date', /ISO 8601/],
      ['GeneralInfo.home', 7, /Address key/],
      ['GeneralInfo.favourites', ['a1', 'a1'], /lists a profile twice/],
      ['GeneralInfo.colour', 'red', /Member has no property GeneralInfo\.colour/],
    ])('%s = %j is refused, naming the property', async (name, value, message) => {
      const p = await profiles().createProfile('m1', 'Member');
      const fault = await faultOf(() => p.set(name, value));
      expect(fault).toBeInstanceOf(ValidationFault);
      expect((fault as ValidationFault).validationErrors[0]?.property).toBe(name);
      expect((fault as Error).message).toMatch(message);
    });

    test('multi-valued references read and write as lists of primary keys, in order', async () => {
      for (const id of ['a1', 'a2', 'a3']) await address(id);
      const p = await member('m1', 'ann@example.com', { 'GeneralInfo.favourites': ['a3', 'a1'] });
      await p.set('GeneralInfo.favourites', ['a2', 'a3', 'a1']).update();
      await s.foundation.profileManagement.refreshProfileCache();
      expect((await profiles().getProfile('m1', 'Member'))?.get('GeneralInfo.favourites')).toEqual(['a2', 'a3', 'a1']);
      const links = await s.foundation.knex('member_favourites').orderBy('position').select('item_key');
      expect(links.map((l) => l.item_key)).toEqual(['a2', 'a3', 'a1']);
    });

    test('a list naming a profile that does not exist is ItemDoesNotExistFault, and nothing is stored', async () => {
      await address('a1');
      const p = (await profiles().createProfile('m1', 'Member')).set('GeneralInfo.email', 'a@example.com').set('GeneralInfo.region', 'n');
      p.set('GeneralInfo.favourites', ['a1', 'ghost']);
      expect(await faultOf(() => p.update())).toBeInstanceOf(ItemDoesNotExistFault);
      expect(await stored('member', { member_id: 'm1' })).toBeUndefined();
    });

    test('saving several profiles writes only what each changed, not the values another left alone', async () => {
      for (const id of ['a1', 'a2', 'a3']) await address(id);
      const [m1, m2] = [await member('m1', 'ann@example.com', { 'GeneralInfo.favourites': ['a1'] }), await member('m2', 'bob@example.com')];
      // Changed in the store meanwhile, behind these profiles' backs:
      await s.foundation.knex('member').where({ member_id: 'm1' }).update({ score: 7 });
      await s.foundation.knex('member').where({ member_id: 'm2' }).update({ nickname: 'Bobby' });
      await s.foundation.knex('member_favourites').insert({ owner_key: 'm1', item_key: 'a3', position: 1 });
      await profiles().saveProfiles([m1.set('GeneralInfo.nickname', 'Annie'), m2.set('GeneralInfo.score', 3).set('GeneralInfo.favourites', ['a2'])]);
      expect(await stored('member', { member_id: 'm1' })).toMatchObject({ nickname: 'Annie', score: 7 });
      expect(await stored('member', { member_id: 'm2' })).toMatchObject({ nickname: 'Bobby', score: 3 });
      const links = await s.foundation.knex('member_favourites').orderBy(['owner_key', 'position']).select('owner_key', 'item_key');
      expect(links).toEqual([
        { owner_key: 'm1', item_key: 'a1' },
        { owner_key: 'm1', item_key: 'a3' },
        { owner_key: 'm2', item_key: 'a2' },
      ]);
    });

    test('values() and get() hand out copies: changing them changes nothing', async () => {
      const p = await member('m1', 'ann@example.com', { 'GeneralInfo.favourites': [], 'GeneralInfo.joined': new Date(0) });
      (p.get('GeneralInfo.favourites') as string[]).push('x');
      (p.get('GeneralInfo.joined') as Date).setFullYear(2000);
      expect(p.get('GeneralInfo.favourites')).toEqual([]);
      expect(p.get('GeneralInfo.joined')).toEqual(new Date(0));
    });
  });

  describe('refreshing and deleting', () => {
    test('refresh() reloads from the store and drops unsaved changes', async () => {
      const p = await member('m1', 'ann@example.com', { 'GeneralInfo.nickname': 'Ann' });
      await s.foundation.knex('member').where({ member_id: 'm1' }).update({ nickname: 'Changed' });
      p.set('GeneralInfo.score', 3);
      await p.refresh();
      expect([p.get('GeneralInfo.nickname'), p.get('GeneralInfo.score')]).toEqual(['Changed', null]);
      s.sql.reset();
      expect((await profiles().getProfile('m1', 'Member'))?.get('GeneralInfo.nickname')).toBe('Changed');
      expect(s.sql.count()).toBe(0);
    });

    test('refresh() of a profile deleted meanwhile is ItemDoesNotExistFault', async () => {
      const p = await member('m1', 'ann@example.com');
      await s.foundation.knex('member').where({ member_id: 'm1' }).delete();
      expect(await faultOf(() => p.refresh())).toBeInstanceOf(ItemDoesNotExistFault);
      expect(await profiles().getProfile('m1', 'Member')).toBeNull();
    });

    test('deleteProfile by PRIMARY key or by any key resolves whether there was one', async () => {
      await member('m1', 'ann@example.com');
      await member('m2', 'bob@example.com');
      expect(await profiles().deleteProfile('m1', 'Member')).toBe(true);
      expect(await profiles().deleteProfile('m1', 'Member')).toBe(false);
      expect(await profiles().deleteProfile('GeneralInfo.email', 'bob@example.com', 'Member')).toBe(true);
      expect(await profiles().deleteProfile('GeneralInfo.email', 'bob@example.com', 'Member')).toBe(false);
      expect(await s.foundation.knex('member').count({ n: '*' })).toEqual([{ n: 0 }]);
      expect(await profiles().getProfile('GeneralInfo.email', 'ann@example.com', 'Member')).toBeNull();
    });

    test('deleting a referenced profile removes it from every list and clears single references, cached ones too', async () => {
      await address('a1');
      await address('a2');
      await member('m1', 'ann@example.com', { 'GeneralInfo.home': 'a1', 'GeneralInfo.favourites': ['a1', 'a2'] });
      expect((await profiles().getProfile('m1', 'Member'))?.get('GeneralInfo.home')).toBe('a1');
      expect(await profiles().deleteProfile('a1', 'Address')).toBe(true);
      const after = await profiles().getProfile('m1', 'Member');
      expect([after?.get('GeneralInfo.home'), after?.get('GeneralInfo.favourites')]).toEqual([null, ['a2']]);
    });
  });
});
