import {
  CommerceCreate,
  CommerceDelete,
  CommerceQuery,
  ValidationFault,
  checkConfiguration,
  createCommerceFoundation,
  defineCommerceModule,
  shippedModules,
  userProfileModule,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { tempApp } from '../../support/tempApp.js';
import { loyaltyModule } from './loyaltyModule.js';
import { startupError } from '../../support/startupError.js';

interface LoyaltyAccount {
  id: string;
  holder: string;
  points: number;
}

const problemsOf = async (modules: unknown[]) => {
  const error = await startupError({ root: tempApp().root, database: { client: 'sqlite', filename: ':memory:' }, modules: modules as never });
  return error.problems.map((p) => [p.file, p.path, p.message]);
};

test('the UserProfile feature is a module the package ships and loads first', () => {
  expect(shippedModules).toContain(userProfileModule);
  expect(userProfileModule.name).toBe('userprofile');
});

forEachDatabase((target) => {
  test("a module's definition, model, sequences, components and services work like the shipped ones", async () => {
    const s = await startFoundation(target, { modules: [loyaltyModule] });
    expect(s.foundation.migration?.created).toContain('loyalty_account');
    const create = new CommerceCreate<LoyaltyAccount>('LoyaltyAccount');
    create.model = { id: 'acc-1', holder: 'Ann', points: 10 };
    const created = await s.foundation.processRequest(create);
    expect(created.operationResponses[0].commerceEntity).toEqual({ modelName: 'LoyaltyAccount', id: 'acc-1', holder: 'Ann', points: 110 });

    const query = new CommerceQuery<LoyaltyAccount>('LoyaltyAccount');
    query.searchCriteria.model.id = 'acc-1';
    expect((await s.foundation.processRequest(query)).operationResponses[0].commerceEntities).toEqual([{ modelName: 'LoyaltyAccount', id: 'acc-1', holder: 'Ann', points: 110 }]);

    s.sql.reset();
    const faultOf = async (model: Partial<LoyaltyAccount>) => {
      const bad = new CommerceCreate<LoyaltyAccount>('LoyaltyAccount');
      bad.model = model;
      return ((await s.foundation.processRequest(bad).catch((e: unknown) => e)) as ValidationFault).validationErrors;
    };
    expect(await faultOf({ id: 'acc-2', holder: 'Bob', points: -1 })).toEqual([{ property: 'model.points', errorMessage: expect.stringMatching(/>=0/) }]);
    expect(await faultOf({ id: 'acc-2', points: 5 })).toEqual([{ property: 'model.holder', errorMessage: 'holder is required' }]);
    expect(s.sql.count()).toBe(0);

    const del = new CommerceDelete<LoyaltyAccount>('LoyaltyAccount');
    del.searchCriteria.model.id = 'acc-1';
    expect((await s.foundation.processRequest(del)).operationResponses[0].count).toBe(1);
  });
});

test('two modules that give the same component, model, definition or sequence fail start-up naming both', async () => {
  const twin = defineCommerceModule({ ...loyaltyModule, name: 'loyalty-twin' });
  const problems = await problemsOf([loyaltyModule, twin]);
  expect(problems).toEqual(
    expect.arrayContaining([
      ['module loyalty-twin', 'components.LoyaltyWelcomeBonus', 'module loyalty and module loyalty-twin both give the component LoyaltyWelcomeBonus; rename one of them'],
      ['module loyalty-twin: profileDefinitions[0]', 'name', 'module loyalty and module loyalty-twin both give the profile definition LoyaltyAccount; rename one of them'],
      ['module loyalty-twin: models[0]', 'name', expect.stringMatching(/^LoyaltyAccount is declared twice: by module loyalty .* and by module loyalty-twin/)],
      ['module loyalty-twin: sequences.CommerceQueryOperation_LoyaltyAccount', '', expect.stringContaining('module loyalty and module loyalty-twin both give the sequence')],
    ]),
  );
});

test("a module is checked against the module contract, and may not take a component name of the framework's", async () => {
  const problems = await problemsOf([
    { name: 'Not A Name', sequences: { DeleteUser: { components: [] } } },
    defineCommerceModule({ name: 'shadow', components: { ModelLoader: { execute: () => undefined } } }),
    defineCommerceModule({ name: 'loyalty' }),
    defineCommerceModule({ name: 'loyalty' }),
  ]);
  expect(problems).toEqual(
    expect.arrayContaining([
      ['module Not A Name', 'name', expect.stringMatching(/lower-case/)],
      ['module Not A Name', 'sequences.DeleteUser', expect.stringMatching(/handler name/)],
      ['module shadow', 'components.ModelLoader', 'commerce-foundation and module shadow both give the component ModelLoader; rename the module\'s'],
      ['module loyalty', 'name', 'two modules are named loyalty'],
    ]),
  );
});

test('config/commerce.json → modules loads a module by path, for the app and for the CLI alike', async () => {
  const app = tempApp({
    'config/commerce.json': { modules: ['./lib/notes.mjs', './lib/missing.mjs'] },
    'lib/notes.mjs': `export default {
      name: 'notes',
      profileDefinitions: [{ name: 'Note', properties: [{ name: 'GeneralInfo.note_id', type: 'string', keys: ['DUAL'] }, { name: 'GeneralInfo.text', type: 'string' }] }],
      models: [{ name: 'Note', profile: 'Note', properties: { id: 'GeneralInfo.note_id', text: 'GeneralInfo.text' } }],
      sequences: { CommerceQueryOperation_Note: { components: [{ name: 'ModelLoader' }, { name: 'NoteStamp' }, { name: 'ModelResponseBuilder' }] } },
      components: { NoteStamp: { execute() {} } },
    };`,
  });
  expect(await checkConfiguration({ root: app.root })).toEqual([
    { file: 'config/commerce.json', path: 'modules[1]', message: expect.stringMatching(/^\.\/lib\/missing\.mjs cannot be loaded/) },
  ]);
  app.write('config/commerce.json', { modules: ['./lib/notes.mjs'] });
  expect(await checkConfiguration({ root: app.root })).toEqual([]);
  const foundation = await createCommerceFoundation({ root: app.root, database: { client: 'sqlite', filename: ':memory:' } });
  try {
    const query = new CommerceQuery('Note');
    query.searchCriteria.model.id = 'n1';
    expect((await foundation.processRequest(query)).operationResponses[0].commerceEntities).toEqual([]);
    expect(foundation.sequences.get('CommerceQueryOperation_Note')?.origin).toBe('module notes');
  } finally {
    await foundation.close();
    app.remove();
  }
});
