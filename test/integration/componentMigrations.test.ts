import { injectable } from 'inversify';
import type { Knex } from 'knex';
import { createCommerceFoundation, type SequenceComponent } from '../../src/index.js';
import { runCli } from '../../src/cli/program.js';
import { forEachDatabase } from '../support/databases.js';
import { startFoundation } from '../support/startFoundation.js';
import { sequenceFile, tempApp } from '../support/tempApp.js';

const migrations: string[] = [];

async function createTable(knex: Knex, table: string): Promise<string[]> {
  migrations.push(table);
  if (await knex.schema.hasTable(table)) return [];
  await knex.schema.createTable(table, (t) => t.increments('id'));
  return [table];
}

@injectable()
class Journal implements SequenceComponent {
  static migrate(knex: Knex) {
    return createTable(knex, 'journal');
  }
  execute(): void {}
}

const ledger: SequenceComponent = { execute: () => undefined, migrate: (knex) => createTable(knex, 'ledger') };
const unused: SequenceComponent = { execute: () => undefined, migrate: (knex) => createTable(knex, 'unused') };
const components = { Journal, AlsoJournal: Journal, Ledger: ledger, Unused: unused };
const files = {
  'sequences/CommerceQueryOperation_Book.json': sequenceFile('Journal', 'Ledger', { name: 'Unused', enabled: false }),
  'sequences/CommerceDeleteOperation_Book.json': sequenceFile('Ledger', 'AlsoJournal'),
};

beforeEach(() => {
  migrations.length = 0;
});

/** A component's `migrate(knex)`: its own tables, made by start-up migration and `commerce migrate`. */
forEachDatabase((target) => {
  test('start-up runs migrate once for each component an enabled step uses, and reports what it created', async () => {
    const s = await startFoundation(target, { components, files });
    expect(migrations.sort()).toEqual(['journal', 'ledger']);
    expect(s.foundation.migration?.created).toEqual(expect.arrayContaining(['user_object', 'journal', 'ledger']));
    expect(s.foundation.migration?.created).not.toContain('unused');
    expect(await s.foundation.knex.schema.hasTable('journal')).toBe(true);
    expect(await s.foundation.knex.schema.hasTable('unused')).toBe(false);
  });

  test('every start runs it again; what exists is not reported again', async () => {
    const first = await startFoundation(target, { components, files });
    await first.stop();
    const again = await startFoundation(target, { components, files, database: first.database });
    expect(migrations.sort()).toEqual(['journal', 'journal', 'ledger', 'ledger']);
    expect(again.foundation.migration?.created).toEqual([]);
  });

  test('with migrate: false no component migrates', async () => {
    const s = await startFoundation(target, { components, files, migrate: false });
    expect(migrations).toEqual([]);
    expect(await s.foundation.knex.schema.hasTable('journal')).toBe(false);
  });

  test('a migrate that fails stops start-up with an error naming the component', async () => {
    const broken: SequenceComponent = { execute: () => undefined, migrate: () => Promise.reject(new Error('no permission')) };
    const app = tempApp({ 'sequences/CommerceQueryOperation_Book.json': sequenceFile('Broken') });
    try {
      const started = createCommerceFoundation({ root: app.root, database: await target.create(), components: { Broken: broken } });
      await expect(started).rejects.toThrow('component Broken could not migrate: no permission');
    } finally {
      app.remove();
    }
  });

  test('commerce migrate creates the tables of the components config/commerce.json names', async () => {
    const app = tempApp({
      'config/commerce.json': { database: await target.create(), components: './components.mjs' },
      'components.mjs': `export const Audit = { execute() {}, async migrate(knex) {
        if (await knex.schema.hasTable('audit')) return [];
        await knex.schema.createTable('audit', (t) => t.increments('id'));
        return ['audit'];
      } };`,
      'sequences/CommerceQueryOperation_Book.json': sequenceFile('Audit'),
    });
    const out: string[] = [];
    const io = { out: (text: string) => void out.push(text), err: (text: string) => void out.push(text), readStdin: () => Promise.resolve(''), isTTY: false };
    try {
      expect(await runCli(['migrate', '--root', app.root], io)).toBe(0);
      expect(out.join('\n')).toMatch(/^ {2}audit$/m);
      out.length = 0;
      expect(await runCli(['migrate', '--root', app.root], io)).toBe(0);
      expect(out.join('\n')).toMatch(/up to date/);
    } finally {
      app.remove();
    }
  });
});
