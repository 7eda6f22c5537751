import { checkConfiguration, ConfigurationError, createCommerceFoundation, type ConfigurationProblem } from '../../src/index.js';
import { tempApp } from '../support/tempApp.js';

const key = (name: string) => ({ name, type: 'string', keys: ['DUAL'] });
const list = (name: string, references: string, column?: string) => ({ name, type: 'profile', references, multiValued: true, ...(column ? { column } : {}) });

/** What start-up and `commerce validate` (checkConfiguration) each answer for an app made of `files`. */
async function problemsOf(files: Record<string, unknown>): Promise<{ startUp: readonly ConfigurationProblem[]; validate: ConfigurationProblem[] }> {
  const app = tempApp(files);
  try {
    const error = await createCommerceFoundation({ root: app.root }).then(async (f) => f.close(), (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    return { startUp: (error as ConfigurationError).problems, validate: await checkConfiguration({ root: app.root }) };
  } finally {
    app.remove();
  }
}

/** Configurations that could only fail later, at a migration or a request: refused at start-up, and by validate. */
describe('configurations refused before anything runs', () => {
  test.each([
    ['a table that is the blocked-users table', { name: 'Blocked', table: 'blocked_users', properties: [key('GeneralInfo.id')] }, 'table', /table of Blocked, blocked_users, is the framework's blocked-users table/],
    ['a table that is a link table of a built-in definition', { name: 'Links', table: 'user_object_address_list', properties: [key('GeneralInfo.id')] }, 'table', /is the link table of UserObject\.GeneralInfo\.address_list/],
    ['a name that makes a built-in link table', { name: 'UserObjectAddressList', properties: [key('GeneralInfo.id')] }, 'table', /table of UserObjectAddressList, user_object_address_list, is the link table/],
    ['a link table that is a built-in table', { name: 'User', properties: [key('GeneralInfo.id'), list('GeneralInfo.object', 'Address')] }, 'properties[1].column', /link table of User\.GeneralInfo\.object, user_object, is the table of UserObject/],
  ])('a profile definition with %s', async (_, definition, path, message) => {
    const { startUp, validate } = await problemsOf({ [`config/profiles/${definition.name}.json`]: definition });
    expect(startUp).toEqual([{ file: `config/profiles/${definition.name}.json`, path, message: expect.stringMatching(message) }]);
    expect(validate).toEqual(startUp);
  });

  test('two definitions whose link tables have one name', async () => {
    const { startUp, validate } = await problemsOf({
      'config/profiles/Ab.json': { name: 'Ab', table: 'a_b', properties: [key('GeneralInfo.id'), list('GeneralInfo.c', 'Address')] },
      'config/profiles/Ac.json': { name: 'Ac', table: 'a', properties: [key('GeneralInfo.id'), list('GeneralInfo.items', 'Address', 'b_c')] },
    });
    expect(startUp).toEqual([
      { file: 'config/profiles/Ac.json', path: 'properties[1].column', message: expect.stringMatching(/link table of Ac\.GeneralInfo\.items, a_b_c, is the link table of Ab\.GeneralInfo\.c already/) },
    ]);
    expect(validate).toEqual(startUp);
  });

  test.each([
    [{ min: 5, max: 2 }, 'min must not be above max'],
    [{ min: 12 }, 'min must not be above max (default 10)'],
  ])('a MySQL pool of %j', async (pool, message) => {
    const { startUp, validate } = await problemsOf({ 'config/commerce.json': { database: { client: 'mysql', connection: 'mysql://root@127.0.0.1/shop', pool } } });
    expect(startUp).toEqual([{ file: 'config/commerce.json', path: 'database.pool.min', message: expect.stringContaining(message) }]);
    expect(validate).toEqual(startUp);
  });
});
