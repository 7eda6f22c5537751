import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { formatFailure } from '../../src/cli/formatProblems.js';
import { commerce } from '../support/commerceCli.js';
import { tempApp, type TempApp } from '../support/tempApp.js';

const problemLines = (text: string) => text.split('\n').filter((line) => line.startsWith('sequences/') || line.startsWith('config/'));

describe('the commerce command line on a broken app', () => {
  let app: TempApp;
  beforeEach(() => {
    app = tempApp();
  });
  afterEach(() => app.remove());
  const inApp = (...args: string[]) => commerce([...args, '--root', app.root]);

  test('validate lists every problem of every file at once: schema problems, bad JSON by line and column, unknown components', async () => {
    app.write('config/commerce.json', { databse: 'sqlite:x.sqlite' });
    app.write('config/profiles/WishList.json', { name: 'WishList', properties: [{ name: 'GeneralInfo.id', type: 'string', keys: ['DUAL'], requird: true }] });
    app.write('sequences/CommerceDeleteOperation_UserProfile.json', { transactionl: true, components: [{ name: 'UserProfileLoadr', enable: false }, { name: 'AuditTrail' }] });
    app.write('sequences/CommerceQueryOperation_UserProfile.json', '{\n  "components": [\n    { "name": "UserProfileLoader" },\n  ]\n}\n');
    app.write('sequences/CommerceUpdateOperation_UserProfile.json', { components: [{ name: 'UserProfileLoader', configuration: { level: 'info' } }] });
    const run = await inApp('validate');
    expect(run.code).toBe(1);
    expect(run.err.split('\n')).toEqual([
      '8 problems:',
      'config/commerce.json at databse: unknown property databse. Did you mean database?',
      'config/profiles/WishList.json at properties[0].requird: unknown property requird. Did you mean required?',
      'sequences/CommerceDeleteOperation_UserProfile.json at components[0].enable: unknown property enable. Did you mean enabled or name?',
      expect.stringMatching(/^sequences\/CommerceDeleteOperation_UserProfile\.json at components\[0\]\.name: unknown component "UserProfileLoadr"\. Did you mean UserProfileLoader\? /),
      expect.stringMatching(
        /^sequences\/CommerceDeleteOperation_UserProfile\.json at components\[1\]\.name: unknown component "AuditTrail"\. Known components: .*\. A custom component is registered by name in the `components` option of createCommerceFoundation, or exported by the module that config\/commerce\.json → `components` names\.$/,
      ),
      'sequences/CommerceDeleteOperation_UserProfile.json at transactionl: unknown property transactionl. Did you mean transactional?',
      'sequences/CommerceQueryOperation_UserProfile.json: is not valid JSON: line 4, column 3: JSON allows no comma before a closing bracket',
      'sequences/CommerceUpdateOperation_UserProfile.json at components[0].configuration: UserProfileLoader takes no configuration: it declares no configurationSchema',
    ]);
  });

  test('sequences checks as validate does: it shows what it can, then the same problems, and exits 1', async () => {
    app.write('sequences/CommerceDeleteOperation_UserProfile.json', { components: [{ name: 'UserProfileLoader' }, { name: 'AuditTrail' }], transactionl: true });
    const validate = await inApp('validate');
    const sequences = await inApp('sequences', 'CommerceDeleteOperation_UserProfile');
    expect(sequences.code).toBe(1);
    expect(sequences.out).toMatch(/CommerceDeleteOperation_UserProfile .*not a valid sequence file.*\n +1\. UserProfileLoader +← app sequences\/CommerceDeleteOperation_UserProfile\.json\n +2\. AuditTrail +← app sequences\/CommerceDeleteOperation_UserProfile\.json$/);
    expect(problemLines(sequences.err)).toEqual(problemLines(validate.err));
    expect(problemLines(sequences.err)).toHaveLength(2);
  });

  test('sequences reports a components module that cannot be loaded, and the components it would have given', async () => {
    app.write('config/commerce.json', { components: './missing.js' });
    app.write('sequences/CommerceQueryOperation_WishList.json', { components: [{ name: 'AuditTrail' }] });
    const run = await inApp('sequences');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/CommerceQueryOperation_WishList/);
    expect(run.err).toMatch(/config\/commerce\.json at components: \.\/missing\.js cannot be loaded/);
    expect(run.err).toMatch(/unknown component "AuditTrail"/);
  });

  test.each([['demo'], ['init'], ['sequences'], ['validate'], ['migrate'], ['request', '-']])(
    '%s with a --root that does not exist is a usage error (exit 2) and creates nothing',
    async (...command) => {
      const missing = join(app.root, 'typo');
      const run = await commerce([...command, '--root', missing], '{ "operations": [] }');
      expect(run.code).toBe(2);
      expect(run.err).toContain(`${missing} does not exist`);
      expect(run.out).toBe('');
      expect(existsSync(missing)).toBe(false);
    },
  );

  test('a --root that is a file is a usage error too', async () => {
    app.write('file.txt', 'x');
    const run = await commerce(['validate', '--root', join(app.root, 'file.txt')]);
    expect([run.code, run.err]).toEqual([2, expect.stringContaining('is not a folder')]);
  });

  test.each([['migrate'], ['request', '-']])('%s on an unreachable database: one line on stderr, no stack, nothing on stdout, exit 1', async (...command) => {
    const consoleLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.env['COMMERCE_DATABASE_URL'] = 'mysql://root@127.0.0.1:1/unreachable';
    try {
      const request = JSON.stringify({ operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: { id: 'u1' } } }] });
      const run = await commerce([...command, '--root', app.root], request);
      expect(run.code).toBe(1);
      expect(run.out).toBe('');
      expect(run.err).toMatch(/ECONNREFUSED/);
      expect(run.err.split('\n')).toHaveLength(1);
      expect([...consoleLog.mock.calls, ...consoleWarn.mock.calls]).toEqual([]);
    } finally {
      delete process.env['COMMERCE_DATABASE_URL'];
      consoleLog.mockRestore();
      consoleWarn.mockRestore();
    }
  });

  test('validate reports a database that start-up could not reach, and creates nothing', async () => {
    process.env['COMMERCE_DATABASE_URL'] = 'mysql://shop:s3cret@127.0.0.1:1/unreachable';
    try {
      const run = await inApp('validate');
      expect([run.code, run.out]).toEqual([1, '']);
      expect(run.err.split('\n')).toEqual(['1 problem:', expect.stringMatching(/^COMMERCE_DATABASE_URL at database: the database at mysql:\/\/127\.0\.0\.1:1\/unreachable cannot be reached: .*ECONNREFUSED/)]);
    } finally {
      delete process.env['COMMERCE_DATABASE_URL'];
    }
    app.write('data', 'a file where the folder should be');
    const file = await inApp('validate');
    expect([file.code, file.err]).toEqual([1, expect.stringMatching(/^1 problem:\ndefault at database: the database at .*data\/commerce\.sqlite cannot be reached/)]);
    app.remove();
    app = tempApp();
    expect(await inApp('validate')).toEqual({ code: 0, out: 'ok', err: '' });
    expect(existsSync(join(app.root, 'data'))).toBe(false);
  });

  test('request on text that is no JSON names the line and column, on stderr, exit 1', async () => {
    const run = await inApp('request', '-');
    const bad = await commerce(['request', '-', '--root', app.root], '{ "operations": [\n  { "operation": "CommerceQuery" }\n  { "operation": "CommerceQuery" }\n] }');
    expect([run.code, run.err]).toEqual([1, 'standard input: is not valid JSON: line 1, column 1: a value expected']);
    expect([bad.code, bad.out, bad.err]).toEqual([1, '', 'standard input: is not valid JSON: line 3, column 3: "," expected']);
  });
});

test('an error with no message of its own is printed as the errors it holds, in one line', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED ::1:3306'), { code: 'ECONNREFUSED' });
  expect(formatFailure(new AggregateError([refused, new Error('connect ECONNREFUSED 127.0.0.1:3306')]))).toBe(
    'Error: connect ECONNREFUSED ::1:3306; connect ECONNREFUSED 127.0.0.1:3306',
  );
});
