import { CommerceCreate, ValidationFault, type UserProfile } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';

const faultOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/** Keys and blocked users compare as the cache does: byte for byte, trailing spaces included, never cut short. */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target);
  });

  test('a blocked "bob " does not block "bob", and each is unblocked on its own', async () => {
    const { profiles } = s.foundation;
    await profiles.blockUser('bob ');
    expect(await profiles.isUserBlocked('bob')).toBe(false);
    expect(await profiles.isUserBlocked('bob ')).toBe(true);
    await profiles.blockUser('bob');
    expect(await profiles.unblockUser('bob')).toBe(true);
    expect(await profiles.isUserBlocked('bob ')).toBe(true);
  });

  test('a user id longer than 255 characters is a ValidationFault on userId, before any SQL; nothing is blocked', async () => {
    const { profiles } = s.foundation;
    s.sql.reset();
    for (const call of [profiles.blockUser('x'.repeat(256)), profiles.isUserBlocked('x'.repeat(256)), profiles.unblockUser('x'.repeat(256))]) {
      const fault = await faultOf(call);
      expect(fault).toBeInstanceOf(ValidationFault);
      expect((fault as ValidationFault).validationErrors.map((e) => e.property)).toEqual(['userId']);
    }
    expect(s.sql.count()).toBe(0);
    expect(await profiles.isUserBlocked('x'.repeat(255))).toBe(false);
  });

  test.each([
    ['null', null],
    ['an object', {}],
    ['an empty string', ''],
    ['a number', 42],
  ])('blocking %s is a ValidationFault on userId, before any SQL', async (_, userId) => {
    s.sql.reset();
    const fault = await faultOf(s.foundation.profiles.blockUser(userId as never));
    expect(fault).toBeInstanceOf(ValidationFault);
    expect((fault as ValidationFault).validationErrors.map((e) => e.property)).toEqual(['userId']);
    expect(s.sql.count()).toBe(0);
    expect(await s.foundation.knex('blocked_users').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  test('profiles whose keys differ only in trailing spaces are two profiles', async () => {
    const { profiles } = s.foundation;
    await (await profiles.createProfile('padtest', 'UserObject')).set('GeneralInfo.email_address', 'pad@example.com').update();
    await (await profiles.createProfile('padtest  ', 'UserObject')).set('GeneralInfo.email_address', 'pad@example.com  ').update();
    await s.foundation.profileManagement.refreshProfileCache();
    expect((await profiles.getProfile('padtest  ', 'UserObject'))?.get('GeneralInfo.email_address')).toBe('pad@example.com  ');
    expect((await profiles.getProfile('GeneralInfo.email_address', 'pad@example.com', 'UserObject'))?.primaryKey).toBe('padtest');
    expect(await profiles.getProfile('padtest ', 'UserObject')).toBeNull();
  });

  test('a Create with id "padtest  " beside "padtest" creates a second user', async () => {
    const create = (id: string, email: string) => {
      const op = new CommerceCreate<UserProfile>('UserProfile');
      Object.assign(op.model, { id, email });
      return s.foundation.processRequest(op);
    };
    await create('padtest', 'one@example.com');
    const second = await create('padtest  ', 'two@example.com');
    expect(second.operationResponses[0].commerceEntity?.id).toBe('padtest  ');
    expect(await s.foundation.knex('user_object').orderBy('email_address').pluck('user_id')).toEqual(['padtest', 'padtest  ']);
  });

  test('looking a profile up by a key value longer than its column is a ValidationFault naming the key, before any SQL', async () => {
    s.sql.reset();
    const fault = await faultOf(s.foundation.profiles.getProfile('x'.repeat(65), 'UserObject'));
    expect(fault).toBeInstanceOf(ValidationFault);
    expect((fault as ValidationFault).validationErrors.map((e) => e.property)).toEqual(['GeneralInfo.user_id']);
    expect(s.sql.count()).toBe(0);
  });
});
