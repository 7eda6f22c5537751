import { createCommerceFoundation, type CommerceFoundation } from '../../src/index.js';
import { tempApp, type TempApp } from '../support/tempApp.js';

/** PRAGMA synchronous as each start of a foundation on the same file sees it: 2 is FULL, 1 is NORMAL. */
async function synchronousOverStarts(app: TempApp, database?: { client: 'sqlite'; filename: string; synchronous?: 'full' | 'normal' }): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (let start = 0; start < 2; start++) {
    const foundation: CommerceFoundation = await createCommerceFoundation({ root: app.root, ...(database ? { database } : {}) });
    try {
      seen.push((await foundation.knex.raw('PRAGMA synchronous'))[0].synchronous);
    } finally {
      await foundation.close();
    }
  }
  return seen;
}

describe('SQLite durability', () => {
  let app: TempApp;
  beforeEach(() => {
    app = tempApp();
  });
  afterEach(() => app.remove());

  test('commits are FULL by default: on the start that turns a new file to WAL and on every later start', async () => {
    expect(await synchronousOverStarts(app)).toEqual([2, 2]);
  });

  test('database.synchronous "normal" in config/commerce.json makes every start NORMAL', async () => {
    app.write('config/commerce.json', { database: { client: 'sqlite', filename: 'data/shop.sqlite', synchronous: 'normal' } });
    expect(await synchronousOverStarts(app)).toEqual([1, 1]);
  });

  test('database.synchronous "full" given in the options makes every start FULL', async () => {
    expect(await synchronousOverStarts(app, { client: 'sqlite', filename: `${app.root}/data/full.sqlite`, synchronous: 'full' })).toEqual([2, 2]);
  });
});
