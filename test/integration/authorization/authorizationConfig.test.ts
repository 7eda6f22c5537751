import { checkConfiguration, CommerceQuery, ConfigurationError, type UserProfile, createCommerceFoundation, type ConfigurationProblem } from '../../../src/index.js';
import { authorizationRules } from '../../support/authorizationRules.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { sequenceFile, tempApp } from '../../support/tempApp.js';

const file = 'config/authorization.json';

async function problemsOf(files: Record<string, unknown>): Promise<ConfigurationProblem[]> {
  const app = tempApp(files);
  try {
    return await checkConfiguration({ root: app.root, database: { client: 'sqlite', filename: ':memory:' } });
  } finally {
    app.remove();
  }
}

const rulesProblems = async (rules: unknown[], more: Record<string, unknown> = {}) => (await problemsOf({ [file]: { rules, ...more } })).filter((p) => p.file === file);

describe('config/authorization.json is checked at start-up, every problem with its path', () => {
  test('a file that is not JSON', async () => {
    expect(await problemsOf({ [file]: '{ "rules": [ ' })).toEqual([{ file, path: '', message: expect.stringContaining('is not valid JSON') as string }]);
  });

  test('the shape: unknown keys (with the nearest known one), unknown operations, empty role lists, a scope that is not "self"', async () => {
    const problems = await rulesProblems([
      { model: 'UserProfile', operations: ['CommerceQuery'], roles: ['customer'], scop: 'self' },
      { model: 'UserProfile', operations: ['CommerceRead'], roles: [] },
      { model: 'UserProfile', operations: ['*'], roles: ['a'], scope: 'everyone' },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['rules[0].scop', 'rules[1].operations[0]', 'rules[1].roles', 'rules[2].scope']);
    expect(problems[0]?.message).toContain('Did you mean scope');
    expect(problems[1]?.message).toContain('CommerceQuery');
  });

  test('what the rules name must exist: models (with the nearest), scope and writable properties, of the model and of the caller', async () => {
    const problems = await rulesProblems([
      { model: 'UserProfil', operations: ['*'], roles: ['a'] },
      { model: 'UserProfile', operations: ['*'], roles: ['a'], scope: 'self', scopeProperty: 'orgId' },
      { model: 'Organization', operations: ['*'], roles: ['a'], scope: 'self', scopeProperty: 'id', callerProperty: 'organisationId' },
      { model: 'UserProfile', operations: ['CommerceUpdate'], roles: ['a'], writableProperties: ['firstName', 'nickname'] },
    ]);
    expect(problems).toEqual([
      { file, path: 'rules[0].model', message: 'no model is named UserProfil. Did you mean UserProfile?' },
      { file, path: 'rules[1].scopeProperty', message: expect.stringMatching(/^UserProfile has no property orgId\./) as string },
      { file, path: 'rules[2].callerProperty', message: 'UserProfile has no property organisationId. Did you mean organizationId?' },
      { file, path: 'rules[3].writableProperties[1]', message: expect.stringMatching(/^UserProfile has no property nickname\./) as string },
    ]);
  });

  test('a scope must be one that can be checked', async () => {
    const problems = await rulesProblems([
      { model: '*', operations: ['*'], roles: ['a'], scope: 'self' },
      { model: 'Organization', operations: ['*'], roles: ['a'], scope: 'self' },
      { model: 'UserProfile', operations: ['*'], roles: ['a'], scopeProperty: 'organizationId' },
      { model: 'UserProfile', operations: ['*'], roles: ['a'], scope: 'self', callerProperty: 'organizationId' },
    ]);
    expect(problems).toEqual([
      { file, path: 'rules[0].model', message: 'a rule with scope or writableProperties names one model, not *' },
      { file, path: 'rules[1].scope', message: 'scope "self" without scopeProperty reaches only the caller\'s own UserProfile; give scopeProperty for Organization' },
      { file, path: 'rules[2].scopeProperty', message: 'needs scope: "self"' },
      { file, path: 'rules[3].callerProperty', message: 'needs scopeProperty' },
    ]);
    const twoScoped = [{ model: 'UserProfile', operations: ['*'], roles: ['a'], scope: 'self' }, { model: 'UserProfile', operations: ['*'], roles: ['b'], scope: 'self' }];
    expect(await rulesProblems(twoScoped, { callerModel: 'Customer' })).toEqual([
      { file, path: 'callerModel', message: 'Customer, the caller model that scope needs, is no model stored in profiles' },
    ]);
  });

  test('an app sequence may not disable the Authorization step; a sound file reports nothing', async () => {
    expect(await problemsOf({ [file]: authorizationRules, 'sequences/CommerceQueryOperation_UserProfile.json': sequenceFile({ name: 'Authorization', enabled: false }, 'UserProfileLoader') })).toEqual([
      {
        file: 'sequences/CommerceQueryOperation_UserProfile.json',
        path: 'components[0].enabled',
        message: 'the Authorization step cannot be disabled while config/authorization.json exists; give a rule with roles ["*"] instead',
      },
    ]);
    expect(await problemsOf({ [file]: authorizationRules })).toEqual([]);
  });

  test('start-up rejects with a ConfigurationError naming the file and the path', async () => {
    const app = tempApp({ [file]: { rules: [{ model: 'UserProfile', operations: ['*'] }] } });
    const error: unknown = await createCommerceFoundation({ root: app.root, database: { client: 'sqlite', filename: ':memory:' } }).catch((e: unknown) => e);
    app.remove();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toContain('config/authorization.json at rules[0].roles');
  });
});

forEachDatabase((target) => {
  test("an app's own sequence file gets the step first too, and one that places the step itself keeps it where it is", async () => {
    const { foundation, sql } = await startFoundation(target, {
      files: {
        [file]: authorizationRules,
        'sequences/CommerceQueryOperation_UserProfile.json': sequenceFile('UserProfileLoader', 'UserProfileResponseBuilder'),
        'sequences/CommerceDeleteOperation_Organization.json': sequenceFile('ModelLoader', 'Authorization', 'ModelCommitter', 'ModelResponseBuilder'),
      },
    });
    expect(foundation.sequences.get('CommerceQueryOperation_UserProfile')?.steps.map((st) => st.name)).toEqual(['Authorization', 'UserProfileLoader', 'UserProfileResponseBuilder']);
    expect(foundation.sequences.get('CommerceDeleteOperation_Organization')?.steps.map((st) => st.name)).toEqual(['ModelLoader', 'Authorization', 'ModelCommitter', 'ModelResponseBuilder']);
    const query = new CommerceQuery<UserProfile>('UserProfile');
    query.searchCriteria.model.id = 'u1';
    sql.reset();
    await expect(foundation.processRequest(query, { userId: 'u2', roles: ['customer'] })).rejects.toMatchObject({ faultName: 'AuthorizationFault', message: expect.stringContaining('rules[0]') as string });
    expect(sql.statements).toEqual([]);
  });

  test("the step stays first after the app's and a channel's patches that add steps at the start, in every channel, and says where it came from", async () => {
    const handler = 'CommerceQueryOperation_UserProfile';
    const addFirst = (name: string) => ({ patches: [{ add: { name }, at: 'start' }] });
    const { foundation } = await startFoundation(target, {
      files: {
        [file]: authorizationRules,
        'config/commerce.json': { channels: ['wholesale'] },
        [`sequences/${handler}.patch.json`]: addFirst('UserProfileShippingMethodsResponseBuilder'),
        [`sequences/wholesale/${handler}.patch.json`]: addFirst('UserProfileAddressResponseBuilder'),
      },
    });
    const names = (steps: readonly { name: string }[] | undefined) => steps?.map((st) => st.name).slice(0, 3);
    expect(names(foundation.sequences.get(handler)?.steps)).toEqual(['Authorization', 'UserProfileShippingMethodsResponseBuilder', 'UserProfileLoader']);
    const wholesale = foundation.channelSequences.get('wholesale')?.get(handler);
    expect(names(wholesale?.steps)).toEqual(['Authorization', 'UserProfileAddressResponseBuilder', 'UserProfileShippingMethodsResponseBuilder']);
    expect(wholesale?.steps[0]?.origin).toBe('authorization (config/authorization.json)');
    const query = new CommerceQuery<UserProfile>('UserProfile');
    query.searchCriteria.model.id = 'u1';
    await expect(foundation.processRequest(query, { channel: 'wholesale', userId: 'u2', roles: ['customer'] })).rejects.toMatchObject({ faultName: 'AuthorizationFault' });
  });
});
