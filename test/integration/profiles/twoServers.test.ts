import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';

/** Two foundations over one database act as two servers of a farm without a bus: each has its own cache. */
forEachDatabase((target) => {
  let one: Started;
  let two: Started;

  beforeEach(async () => {
    one = await startFoundation(target);
    two = await startFoundation(target, { database: one.database });
    const ann = await one.foundation.profiles.createProfile('u1', 'UserObject');
    await ann.set('GeneralInfo.email_address', 'ann@example.com').set('GeneralInfo.first_name', 'Ann').update();
    await two.foundation.profiles.getProfile('u1', 'UserObject'); // now cached on server two
  });
  afterEach(async () => {
    await two.stop();
    await one.stop();
  });

  async function changeOnServerOne() {
    const ann = await one.foundation.profiles.getProfile('u1', 'UserObject');
    await ann?.set('GeneralInfo.first_name', 'Anne').update();
  }
  const firstNameOnTwo = async () => (await two.foundation.profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.first_name');

  test('a change made through one server is not seen by the other until its cache entry is refreshed', async () => {
    await changeOnServerOne();
    expect(await firstNameOnTwo()).toBe('Ann');
    await two.foundation.profileManagement.refreshProfileCache('u1', 'UserObject');
    expect(await firstNameOnTwo()).toBe('Anne');
  });

  test('Profile.refresh() on the other server reloads that instance and its cache entry', async () => {
    const stale = await two.foundation.profiles.getProfile('u1', 'UserObject');
    await changeOnServerOne();
    await stale?.refresh();
    expect(stale?.get('GeneralInfo.first_name')).toBe('Anne');
    expect(await firstNameOnTwo()).toBe('Anne');
  });

  test('refreshProfileCache() with no arguments refreshes every profile of that server', async () => {
    await changeOnServerOne();
    await two.foundation.profileManagement.refreshProfileCache();
    expect(await firstNameOnTwo()).toBe('Anne');
  });

  test('a deletion through one server leaves the other serving its cached copy until refreshed', async () => {
    await one.foundation.profiles.deleteProfile('u1', 'UserObject');
    expect(await two.foundation.profiles.getProfile('u1', 'UserObject')).not.toBeNull();
    await two.foundation.profileManagement.refreshProfileCache('u1', 'UserObject');
    expect(await two.foundation.profiles.getProfile('u1', 'UserObject')).toBeNull();
  });

  test('a block made through one server holds on the other at once, read from the store every time', async () => {
    expect(await two.foundation.profiles.isUserBlocked('u1')).toBe(false);
    await one.foundation.profiles.blockUser('u1');
    two.sql.reset();
    expect(await two.foundation.profiles.isUserBlocked('u1')).toBe(true);
    expect(await two.foundation.profiles.isUserBlocked('u1')).toBe(true);
    expect(two.sql.count()).toBe(2);
    await one.foundation.profiles.blockUser('u1'); // blocking twice is harmless
    expect(await two.foundation.profiles.unblockUser('u1')).toBe(true);
    expect(await one.foundation.profiles.isUserBlocked('u1')).toBe(false);
    expect(await one.foundation.profiles.unblockUser('u1')).toBe(false);
  });
});
