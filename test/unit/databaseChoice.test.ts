import { resolve } from 'node:path';
import { ConfigurationError } from '../../src/index.js';
import { parseDatabaseUrl } from '../../src/storage/parseDatabaseUrl.js';
import { resolveDatabaseConfig } from '../../src/storage/resolveDatabaseConfig.js';

const root = '/srv/shop';

describe('choosing the database', () => {
  const options = { client: 'mysql' as const, connection: 'mysql://root@db/options' };
  const environment = 'mysql://root@db/env';
  const configFile = 'sqlite:data/file.sqlite';

  test('options.database comes first', () => {
    expect(resolveDatabaseConfig({ root, options, environment, configFile })).toEqual({ source: 'options.database', config: options });
  });

  test('then COMMERCE_DATABASE_URL', () => {
    expect(resolveDatabaseConfig({ root, environment, configFile })).toEqual({
      source: 'COMMERCE_DATABASE_URL',
      config: { client: 'mysql', connection: environment },
    });
  });

  test('then config/commerce.json, a relative SQLite path meaning one under the root', () => {
    expect(resolveDatabaseConfig({ root, configFile })).toEqual({
      source: 'config/commerce.json',
      config: { client: 'sqlite', filename: resolve(root, 'data/file.sqlite') },
    });
  });

  test('then the embedded default, SQLite at <root>/data/commerce.sqlite', () => {
    expect(resolveDatabaseConfig({ root })).toEqual({
      source: 'default',
      config: { client: 'sqlite', filename: resolve(root, 'data/commerce.sqlite') },
    });
  });

  test('an empty COMMERCE_DATABASE_URL counts as unset', () => {
    expect(resolveDatabaseConfig({ root, environment: '' }).source).toBe('default');
  });

  test('a URL of no known kind is a configuration error naming its source', () => {
    expect(() => resolveDatabaseConfig({ root, environment: 'postgres://x' })).toThrow(ConfigurationError);
    expect(() => resolveDatabaseConfig({ root, environment: 'postgres://x' })).toThrow(/COMMERCE_DATABASE_URL/);
  });

  test('the message about a refused URL leaves out its user and password', () => {
    const refused = () => resolveDatabaseConfig({ root, environment: 'postgres://shop:s3cret@db/shop' });
    expect(refused).toThrow(/postgres:\/\/db\/shop is no mysql/);
    expect(refused).not.toThrow(/s3cret|shop:/);
  });
});

describe('database URLs', () => {
  test.each([
    ['sqlite::memory:', { client: 'sqlite', filename: ':memory:' }],
    ['sqlite:rel/shop.sqlite', { client: 'sqlite', filename: 'rel/shop.sqlite' }],
    ['sqlite:/abs/shop.sqlite', { client: 'sqlite', filename: '/abs/shop.sqlite' }],
    ['sqlite:///abs/shop.sqlite', { client: 'sqlite', filename: '/abs/shop.sqlite' }],
    ['mysql://root@127.0.0.1:3306/shop', { client: 'mysql', connection: 'mysql://root@127.0.0.1:3306/shop' }],
    ['mariadb://root@127.0.0.1/shop', { client: 'mysql', connection: 'mysql://root@127.0.0.1/shop' }],
  ])('%s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  test.each(['sqlite:', 'postgres://x', 'shop.sqlite'])('%s is refused', (url) => {
    expect(parseDatabaseUrl(url)).toBeUndefined();
  });
});
