import { ConfigurationError, createCommerceFoundation } from '../../src/index.js';
import { consoleOutputOf } from '../support/consoleOutput.js';
import { mysqlUrl, mysqlUrlFor } from '../support/databases.js';
import { freePort } from '../support/processes.js';
import { recordingLogger } from '../support/recordingLogger.js';
import { testIf } from '../support/skippable.js';
import { tempApp, type TempApp } from '../support/tempApp.js';

/** A database or a web farm that cannot be reached: a ConfigurationError at start-up, and driver noise only in the logger. */
describe('start-up against what cannot be reached', () => {
  let app: TempApp;
  let logged: string[];
  const logger = recordingLogger((line) => {
    if (line.level !== 'info') logged.push(line.msg);
  });
  beforeEach(() => {
    app = tempApp();
    logged = [];
  });
  afterEach(() => app.remove());

  /** The start-up error, and what reached the console meanwhile. */
  async function startUp(options: Parameters<typeof createCommerceFoundation>[0]): Promise<{ error: ConfigurationError; printed: string[] }> {
    let error: unknown;
    const printed = await consoleOutputOf(async () => {
      error = await createCommerceFoundation({ root: app.root, logger, ...options }).then(async (f) => f.close(), (e: unknown) => e);
    });
    expect(error).toBeInstanceOf(ConfigurationError);
    return { error: error as ConfigurationError, printed };
  }

  test('a MySQL server where nothing listens: the database cannot be reached, its URL without the password, the driver error as cause', async () => {
    const port = await freePort();
    const { error, printed } = await startUp({ database: `mysql://shop:s3cret@127.0.0.1:${port}/shop` });
    expect(error.problems).toEqual([
      { file: 'options.database', path: 'database', message: expect.stringMatching(new RegExp(`^the database at mysql://127\\.0\\.0\\.1:${port}/shop cannot be reached: .*ECONNREFUSED`)) },
    ]);
    expect(error.message).not.toMatch(/s3cret|shop:/);
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(printed).toEqual([]);
    expect(logged).toContain('database driver');
  });

  testIf(Boolean(mysqlUrl), 'COMMERCE_TEST_MYSQL_URL is not set', 'a wrong password: the database cannot be reached, and the password is nowhere in the message', async () => {
    const url = new URL(mysqlUrlFor('commerce_unreachable_test'));
    url.password = 'wrong-password';
    const { error, printed } = await startUp({ database: url.toString() });
    expect(error.problems).toHaveLength(1);
    expect(error.message).toMatch(/cannot be reached: Access denied/);
    expect(error.message).not.toContain('wrong-password');
    expect(error.cause).toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
    expect(printed).toEqual([]);
  });

  test('a SQLite file that cannot be made: the database cannot be reached, naming the file', async () => {
    app.write('data', 'a file where the folder should be');
    const { error } = await startUp({ database: 'sqlite:data/shop.sqlite' });
    expect(error.problems).toEqual([{ file: 'options.database', path: 'database', message: expect.stringMatching(/data\/shop\.sqlite cannot be reached: EEXIST/) }]);
    expect(error.cause).toMatchObject({ code: 'EEXIST' });
  });

  test("a web farm's Redis where nothing listens: a ConfigurationError, and nothing printed by the Redis client", async () => {
    app.write('config/commerce.json', { database: 'sqlite::memory:', farm: { redis: `redis://127.0.0.1:${await freePort()}` } });
    const { error, printed } = await startUp({});
    expect(error.problems.map((p) => p.path)).toEqual(['farm.redis']);
    expect(printed).toEqual([]);
    expect(logged).toContain('web farm connection');
  });
});
