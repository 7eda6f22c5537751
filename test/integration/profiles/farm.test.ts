import { randomUUID } from 'node:crypto';
import { CommerceQuery, CommerceUpdate, ConfigurationError, type OperationContext, type UserProfile } from '../../../src/index.js';
import { forEachDatabase, redisUrl } from '../../support/databases.js';
import { eventually } from '../../support/eventually.js';
import { describeIf } from '../../support/skippable.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { sequenceFile, tempApp } from '../../support/tempApp.js';

/** Two foundations over one database and one Redis channel: two servers of a web farm. */
describeIf(Boolean(redisUrl), 'COMMERCE_TEST_REDIS_URL is not set', 'a web farm over Redis', () => {
  forEachDatabase((target) => {
    let one: Started;
    let two: Started;
    const Fail = { execute: () => Promise.reject(new Error('after the write')) };
    const Rename = {
      async execute(context: OperationContext) {
        const ann = await context.profiles.getProfile('u1', 'UserObject');
        if (!ann) throw new Error('u1 is missing');
        await ann.set('GeneralInfo.first_name', 'Renamed').update();
      },
    };

    beforeEach(async () => {
      const farm = { redis: redisUrl, channel: `test-${randomUUID()}` };
      const app = tempApp({
        'config/commerce.json': { farm },
        'sequences/CommerceQueryOperation_Rename.json': sequenceFile('Rename', 'Fail'),
      });
      one = await startFoundation(target, { app, components: { Rename, Fail } });
      two = await startFoundation(target, { app, database: one.database, components: { Rename, Fail } });
      // Made through server two, which is left holding it cached (a server does not hear its own messages)
      const ann = await two.foundation.profiles.createProfile('u1', 'UserObject');
      await ann.set('GeneralInfo.email_address', 'ann@example.com').set('GeneralInfo.first_name', 'Ann').update();
    });
    afterEach(async () => {
      await two.stop();
      await one.stop();
      one.app.remove();
    });

    const firstNameOnTwo = async () => (await two.foundation.profiles.getProfile('u1', 'UserObject'))?.get('GeneralInfo.first_name');

    test('a change made through one server reaches the cache of the other without any refresh', async () => {
      const ann = await one.foundation.profiles.getProfile('u1', 'UserObject');
      await ann?.set('GeneralInfo.first_name', 'Anne').update();
      await eventually(async () => expect(await firstNameOnTwo()).toBe('Anne'));
    });

    test("a change made by an operation's sequence reaches the other server too", async () => {
      const update = new CommerceUpdate<UserProfile>('UserProfile');
      update.searchCriteria.model.id = 'u1';
      update.model.firstName = 'Annie';
      await one.foundation.processRequest(update);
      await eventually(async () => expect(await firstNameOnTwo()).toBe('Annie'));
    });

    test('a deletion through one server is heard by the other', async () => {
      await one.foundation.profiles.deleteProfile('u1', 'UserObject');
      await eventually(async () => expect(await two.foundation.profiles.getProfile('u1', 'UserObject')).toBeNull());
    });

    test('refreshProfileCache(key, type) and refreshProfileCache() on one server refresh every server', async () => {
      await two.foundation.knex('user_object').where({ user_id: 'u1' }).update({ first_name: 'Changed behind the cache' });
      expect(await firstNameOnTwo()).toBe('Ann');
      await one.foundation.profileManagement.refreshProfileCache('u1', 'UserObject');
      await eventually(async () => expect(await firstNameOnTwo()).toBe('Changed behind the cache'));
      await one.foundation.profileManagement.refreshProfileCache();
      await eventually(() => expect(two.foundation.profileManagement.cachedProfiles).toBe(0));
    });

    test('a rolled-back operation tells the other servers nothing', async () => {
      const bob = await two.foundation.profiles.createProfile('u2', 'UserObject');
      await bob.set('GeneralInfo.email_address', 'bob@example.com').set('GeneralInfo.first_name', 'Bob').update();
      await expect(one.foundation.processRequest(new CommerceQuery('Rename'))).rejects.toMatchObject({ component: 'Fail' });
      // A change committed after it: messages on one channel arrive in order, so once this one is heard on server
      // two, anything the rolled-back operation had sent would have been heard before it.
      await (await one.foundation.profiles.getProfile('u2', 'UserObject'))?.set('GeneralInfo.first_name', 'Robert').update();
      await eventually(async () => expect((await two.foundation.profiles.getProfile('u2', 'UserObject'))?.get('GeneralInfo.first_name')).toBe('Robert'));
      two.sql.reset();
      expect(await firstNameOnTwo()).toBe('Ann');
      expect(two.sql.count()).toBe(0);
    });
  });

  test('a server whose Redis cannot be reached does not start, and says why without its password', async () => {
    const app = tempApp({ 'config/commerce.json': { farm: { redis: 'redis://shop:s3cret@127.0.0.1:1' } } });
    const error = await startFoundation({ label: 'SQLite', create: () => Promise.resolve({ client: 'sqlite', filename: ':memory:' }) }, { app }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems[0]).toMatchObject({ file: 'config/commerce.json', path: 'farm.redis', message: expect.stringMatching(/Redis at redis:\/\/127\.0\.0\.1:1\/? cannot be reached/) });
    expect((error as ConfigurationError).message).not.toContain('s3cret');
    app.remove();
  });
});
