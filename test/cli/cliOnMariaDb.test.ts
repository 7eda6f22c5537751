import { runCli } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/CliIO.js';
import { onMariaDbOnly } from '../support/databases.js';
import { tempApp } from '../support/tempApp.js';

onMariaDbOnly('the command line against COMMERCE_DATABASE_URL', (target) => {
  test('migrate and request use the database the environment names', async () => {
    const database = (await target.create()) as { connection: string };
    const app = tempApp({ 'config/commerce.json': { encryptionKey: 'ab'.repeat(32) } });
    const out: string[] = [];
    const io: CliIO = { out: (t) => void out.push(t), err: (t) => void out.push(t), readStdin: () => Promise.resolve(''), isTTY: false };
    process.env['COMMERCE_DATABASE_URL'] = database.connection;
    try {
      expect(await runCli(['migrate', '--root', app.root], io)).toBe(0);
      expect(out.join('\n')).toMatch(/created in MySQL\/MariaDB/);
      app.write('create.json', { operations: [{ operation: 'CommerceCreate', modelName: 'UserProfile', model: { id: 'u1', email: 'ann@example.com' } }] });
      expect(await runCli(['request', `${app.root}/create.json`, '--root', app.root], io)).toBe(0);
    } finally {
      delete process.env['COMMERCE_DATABASE_URL'];
      app.remove();
    }
    const { default: knexFactory } = await import('knex');
    const knex = knexFactory({ client: 'mysql2', connection: { uri: database.connection } } as never);
    expect(await knex('user_object').pluck('user_id')).toEqual(['u1']);
    await knex.destroy();
  });
});
