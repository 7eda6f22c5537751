import { injectable } from 'inversify';
import { z } from 'zod';
import {
  checkConfiguration,
  CommerceQuery,
  createCommerceFoundation,
  type OperationContext,
  type SequenceComponent,
} from '../../src/index.js';
import { forEachDatabase } from '../support/databases.js';
import { ConfiguredStep, step } from '../support/recordingComponents.js';
import { sequenceFile, tempApp } from '../support/tempApp.js';
import { startupError } from '../support/startupError.js';

forEachDatabase((target) => {
  const components = { UserProfileLoader: step('L'), AuditTrail: step('T'), Configured: ConfiguredStep };

  test('every start-up problem is reported together, each with its file, path and message', async () => {
    const app = tempApp({
      'config/commerce.json': { cache: { ttlSeconds: -1 } },
      'sequences/CommerceQueryOperation_Broken.json': '{ "components": [ ',
      'sequences/CommerceQueryOperation_Shape.json': { components: [{ name: 'AuditTrail', enabled: 'yes' }] },
      'sequences/DeleteUser.json': sequenceFile('AuditTrail'),
      'sequences/CommerceDeleteOperation_UserProfile.json': sequenceFile('UserProfileLoader', 'UserProfileLoadr', 'AuditTrail'),
      'sequences/CommerceUpdateOperation_UserProfile.json': sequenceFile({ name: 'Configured', configuration: { level: 'loud' } }),
      'sequences/README.md': 'not a sequence',
    });
    const error = await startupError({ root: app.root, database: await target.create(), components });
    const problems = error.problems.map((p) => [p.file, p.path]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['config/commerce.json', 'cache.ttlSeconds'],
        ['sequences/CommerceQueryOperation_Broken.json', ''],
        ['sequences/CommerceQueryOperation_Shape.json', 'components[0].enabled'],
        ['sequences/DeleteUser.json', ''],
        ['sequences/CommerceDeleteOperation_UserProfile.json', 'components[1].name'],
        ['sequences/CommerceUpdateOperation_UserProfile.json', 'components[0].configuration.level'],
      ]),
    );
    expect(error.problems).toHaveLength(6);
    const byFile = (file: string) => error.problems.find((p) => p.file.endsWith(file))?.message ?? '';
    expect(byFile('Broken.json')).toMatch(/not valid JSON/);
    expect(byFile('DeleteUser.json')).toMatch(/no handler name/);
    expect(byFile('CommerceDeleteOperation_UserProfile.json')).toMatch(
      /unknown component "UserProfileLoadr"\. Did you mean UserProfileLoader\? Known components: AuditTrail, Configured, .*ModelLoader, .*UserProfileAddressResponseBuilder, .*UserProfileCommitter, .*UserProfileLoader/,
    );
    for (const { file } of error.problems) expect(error.message).toContain(file);
    app.remove();
  });

  test('a file that breaks its schema, or a profile definition that does, hides no other problem', async () => {
    const app = tempApp({
      'config/profiles/WishList.json': { name: 'WishList', properties: [{ name: 'GeneralInfo.id', type: 'text', keys: ['DUAL'] }] },
      'sequences/CommerceDeleteOperation_UserProfile.json': { transactionl: true, components: [{ name: 'UserProfileLoader' }, { name: 'AuditTrial', enable: true }] },
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile({ name: 'UserProfileLoader', configuration: { level: 'info' } }, { name: 'Configured', configuration: { level: 'loud' } }),
    });
    const error = await startupError({ root: app.root, database: await target.create(), components });
    expect(error.problems.map((p) => [p.file, p.path, p.message])).toEqual([
      ['config/profiles/WishList.json', 'properties[0].type', expect.stringMatching(/^Invalid option/)],
      ['sequences/CommerceDeleteOperation_UserProfile.json', 'components[1].enable', 'unknown property enable. Did you mean enabled or name?'],
      ['sequences/CommerceDeleteOperation_UserProfile.json', 'components[1].name', expect.stringMatching(/^unknown component "AuditTrial"\. Did you mean AuditTrail\? Known components: .*\. A custom component is registered by name/)],
      ['sequences/CommerceDeleteOperation_UserProfile.json', 'transactionl', 'unknown property transactionl. Did you mean transactional?'],
      ['sequences/CommerceQueryOperation_WishList.json', 'components[0].configuration', 'UserProfileLoader takes no configuration: it declares no configurationSchema'],
      ['sequences/CommerceQueryOperation_WishList.json', 'components[1].configuration.level', expect.stringMatching(/^Invalid option/)],
    ]);
    await expect(checkConfiguration({ root: app.root, components })).resolves.toEqual(error.problems);
    app.remove();
  });

  test('a component that cannot be created is a start-up problem naming it', async () => {
    @injectable()
    class NeedsMissingService implements SequenceComponent {
      constructor(readonly service: { missing: true }) {}
      execute(): void {}
    }
    const app = tempApp({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile('Needy') });
    const error = await startupError({ root: app.root, database: await target.create(), components: { Needy: NeedsMissingService } });
    expect(error.problems).toEqual([
      expect.objectContaining({ path: 'components[0].name', message: expect.stringMatching(/Needy cannot be created/) }),
    ]);
    app.remove();
  });

  test('a disabled step is not resolved, so it may name a component the app has not registered', async () => {
    const app = tempApp({
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile({ name: 'NotRegistered', enabled: false }),
    });
    const foundation = await createCommerceFoundation({ root: app.root, database: await target.create() });
    await expect(foundation.processRequest(new CommerceQuery('WishList'))).resolves.toEqual({
      operationResponses: [{ commerceEntities: [] }],
    });
    await foundation.close();
    app.remove();
  });

  test('components are created once at start-up, not per request, and get the services they inject', async () => {
    let created = 0;
    @injectable()
    class Counted implements SequenceComponent {
      constructor() {
        created++;
      }
      execute(context: OperationContext): void {
        context.cache.set('x', 1);
      }
    }
    const app = tempApp({
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile('Counted', 'Counted', { name: 'Configured', configuration: { level: 'info' } }),
    });
    const foundation = await createCommerceFoundation({
      root: app.root,
      database: await target.create(),
      components: { Counted, Configured: ConfiguredStep },
    });
    for (let i = 0; i < 5; i++) await foundation.processRequest(new CommerceQuery('WishList'));
    expect(created).toBe(1);
    const configured = foundation.sequences.get('CommerceQueryOperation_WishList')?.steps[2]?.component as ConfiguredStep;
    expect(configured.knex).toBe(foundation.knex);
    app.write('sequences/CommerceQueryOperation_WishList.json', sequenceFile('Missing'));
    await expect(foundation.processRequest(new CommerceQuery('WishList'))).resolves.toBeDefined();
    await foundation.close();
    app.remove();
  });

  test('a ready object may declare its configuration schema too', async () => {
    const seen: unknown[] = [];
    const Limited = {
      configurationSchema: z.strictObject({ max: z.number().int().default(10) }),
      execute(context: OperationContext) {
        seen.push(context.configuration);
      },
    };
    const app = tempApp({
      'sequences/CommerceQueryOperation_WishList.json': sequenceFile({ name: 'Limited', configuration: {} }, { name: 'Limited', configuration: { max: 3 } }),
    });
    const foundation = await createCommerceFoundation({ root: app.root, database: await target.create(), components: { Limited } });
    await foundation.processRequest(new CommerceQuery('WishList'));
    expect(seen).toEqual([{ max: 10 }, { max: 3 }]);
    await foundation.close();
    const refused = tempApp({ 'sequences/CommerceQueryOperation_WishList.json': sequenceFile({ name: 'Limited', configuration: { max: 'x', extra: 1 } }) });
    const error = await startupError({ root: refused.root, database: await target.create(), components: { Limited } });
    expect(error.problems.map((p) => p.path).sort()).toEqual(['components[0].configuration.extra', 'components[0].configuration.max']);
    app.remove();
    refused.remove();
  });
});

test('options that are not of the documented shape are refused before anything is read', async () => {
  const error = await startupError({ root: '/nonexistent', components: { Bad: 42 as never }, colour: 'red' } as never);
  expect(error.problems.map((p) => p.path).sort()).toEqual(['colour', 'components.Bad']);
});
