import { ConfigurationError, defineCommerceModule, type TraceEntry } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { sequenceFile, tempApp } from '../../support/tempApp.js';
import { createUser, deleteBy } from '../../support/userProfiles.js';
import { auditModule, marks, marksModule, Mark } from './patchModules.js';
import { startupError } from '../../support/startupError.js';

const del = 'CommerceDeleteOperation_UserProfile';
const patchFile = `sequences/${del}.patch.json`;
const pkg = 'package (module userprofile)';
const steps = (trace: readonly TraceEntry[] | undefined) => (trace ?? []).map((t) => [t.component, t.origin]);

beforeEach(() => {
  marks.length = 0;
});

forEachDatabase((target) => {
  test('every patch kind, applied in order: the shipped file, then two modules in load order, then the app patch file; each step knows its origin', async () => {
    const s = await startFoundation(target, {
      modules: [auditModule, marksModule],
      files: {
        [patchFile]: {
          patches: [
            { remove: 'UserProfileShippingMethodsResponseBuilder' },
            { replace: 'UserProfileAddressResponseBuilder', with: { name: 'Mark', configuration: { label: 'replaced' } } },
            // Marks are now m1, replaced, m2: the third is the marks module's m2.
            { configure: { name: 'Mark', occurrence: 3 }, configuration: { label: 'app' } },
            { add: { name: 'Mark', configuration: { label: 'first' } }, at: 'start' },
          ],
        },
      },
    });
    await createUser(s.foundation, { id: 'u1' });
    const response = await s.foundation.processRequest(deleteBy('id', 'u1'), { trace: true });
    expect(response.operationResponses[0].count).toBe(1);
    const byPatch = `patch ${patchFile}`;
    expect(steps(response.trace)).toEqual([
      ['Mark', byPatch],
      ['UserProfileLoader', pkg],
      ['UserProfileAddressesProcessor', pkg],
      ['UserProfileCreditCardsProcessor', pkg],
      ['UserProfileCommitter', pkg],
      ['Mark', 'module marks'],
      ['AuditTrail', 'module audit'],
      ['UserProfileResponseBuilder', pkg],
      ['Mark', byPatch],
      ['UserProfileCreditCardsResponseBuilder', pkg],
      ['Mark', `module marks; configured by ${byPatch}`],
    ]);
    expect(marks).toEqual(['first', 'm1', 'replaced', 'app']);
    // The step a module added ran inside the operation's transaction, which committed.
    expect(await s.foundation.knex('audit_log').select('handler', 'level')).toEqual([{ handler: del, level: 'info' }]);
    const resolved = s.foundation.sequences.get(del);
    expect(resolved?.patchedBy).toEqual(['module audit', 'module marks', byPatch]);
    expect(resolved?.file).toMatch(/modules\/userprofile\/sequences\/CommerceDeleteOperation_UserProfile\.json$/);
  });

  test("a module's patch applies over the app's whole file too, whose steps are the app's", async () => {
    const s = await startFoundation(target, {
      modules: [auditModule],
      files: { [`sequences/${del}.json`]: sequenceFile('UserProfileLoader', 'UserProfileCommitter', 'UserProfileResponseBuilder') },
    });
    await createUser(s.foundation, { id: 'u2' });
    const response = await s.foundation.processRequest(deleteBy('id', 'u2'), { trace: true });
    const app = `app sequences/${del}.json`;
    expect(steps(response.trace)).toEqual([
      ['UserProfileLoader', app],
      ['UserProfileCommitter', app],
      ['AuditTrail', 'module audit'],
      ['UserProfileResponseBuilder', app],
    ]);
  });

  test("a module's folder may hold patch files: they are the module's patches, before its sequencePatches", async () => {
    const folder = tempApp({ [`sequences/${del}.patch.json`]: { patches: [{ add: { name: 'Mark', configuration: { label: 'folder' } }, after: 'UserProfileLoader' }] } });
    const folderly = defineCommerceModule({
      name: 'folderly',
      folder: folder.root,
      components: { Mark },
      sequencePatches: [{ handler: del, add: { name: 'Mark', configuration: { label: 'listed' } }, after: { name: 'Mark', occurrence: 1 } }],
    });
    const s = await startFoundation(target, { modules: [folderly] });
    folder.remove();
    expect(s.foundation.sequences.get(del)?.steps.slice(0, 3).map((step) => [step.name, step.origin])).toEqual([
      ['UserProfileLoader', pkg],
      ['Mark', 'module folderly'],
      ['Mark', 'module folderly'],
    ]);
    await createUser(s.foundation, { id: 'u4' });
    await s.foundation.processRequest(deleteBy('id', 'u4'));
    expect(marks).toEqual(['folder', 'listed']);
  });

  test('a module may compute its patches for every sequence: a step first in each, whatever its handler', async () => {
    const firstEverywhere = defineCommerceModule({
      name: 'first-everywhere',
      components: { Mark },
      sequencePatches: ({ handler }) => [{ add: { name: 'Mark', configuration: { label: handler } }, at: 'start' }],
    });
    const s = await startFoundation(target, { modules: [firstEverywhere] });
    for (const sequence of s.foundation.sequences.values()) {
      expect([sequence.steps[0]?.name, sequence.steps[0]?.origin]).toEqual(['Mark', 'module first-everywhere']);
    }
    await createUser(s.foundation, { id: 'u3' });
    await s.foundation.processRequest(deleteBy('id', 'u3'));
    expect(marks).toEqual(['CommerceCreateOperation_UserProfile', del]);
  });

  test('start-up lists every patch problem in one ConfigurationError: a missing anchor with the closest names, a name that occurs twice, two contributors removing one step, a handler nothing defines, a configuration the schema refuses', async () => {
    const typo = defineCommerceModule({
      name: 'typo',
      sequencePatches: [
        { handler: del, add: { name: 'UserProfileLoader' }, after: 'UserProfileComitter' },
        { handler: 'CommerceDeleteOperation_WishList', remove: 'ModelLoader' },
        { handler: del, remove: 'UserProfileResponseBuilder' },
      ],
    });
    const app = tempApp({
      [patchFile]: {
        patches: [
          { remove: 'UserProfileResponseBuilder' },
          { configure: 'Mark', configuration: { label: 'which?' } },
          { configure: 'AuditTrail', configuration: { level: 'loud' } },
        ],
      },
    });
    const error = await startupError({ root: app.root, database: await target.create(), modules: [auditModule, marksModule, typo] });
    app.remove();
    const problems = error.problems.map((p) => [p.file, p.path, p.message]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['module typo', 'sequencePatches[0].after', expect.stringMatching(/has no step "UserProfileComitter"\. Did you mean UserProfileCommitter\?/)],
        ['module typo', 'sequencePatches[1]', expect.stringMatching(/no sequence defines CommerceDeleteOperation_WishList/)],
        [patchFile, 'patches[0].remove', expect.stringMatching(/module typo and patch sequences\/CommerceDeleteOperation_UserProfile\.patch\.json both remove the step "UserProfileResponseBuilder"/)],
        [patchFile, 'patches[1].configure', expect.stringMatching(/"Mark" occurs 2 times in CommerceDeleteOperation_UserProfile; say which: \{ "name": "Mark", "occurrence": 1 \}/)],
        [patchFile, 'patches[2].configuration.level', expect.stringMatching(/info|debug/)],
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  test('replacing a step another contributor replaced is an error naming both; a patch file that breaks its schema is reported where it breaks', async () => {
    const replacer = defineCommerceModule({
      name: 'replacer',
      components: { Mark },
      sequencePatches: [{ handler: del, replace: 'UserProfileResponseBuilder', with: { name: 'Mark', configuration: { label: 'r' } } }],
    });
    const app = tempApp({
      [patchFile]: { patches: [{ replace: 'UserProfileResponseBuilder', with: { name: 'UserProfileResponseBuilder' } }] },
      'sequences/CommerceQueryOperation_UserProfile.patch.json': { patches: [{ add: { name: 'Mark' }, before: 'UserProfileLoader', after: 'UserProfileLoader' }] },
    });
    const error = await startupError({ root: app.root, database: await target.create(), modules: [replacer] });
    app.remove();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.problems.map((p) => [p.file, p.path, p.message])).toEqual([
      [patchFile, 'patches[0].replace', expect.stringMatching(/module replacer and patch sequences\/\S+ both replace the step "UserProfileResponseBuilder"/)],
      ['sequences/CommerceQueryOperation_UserProfile.patch.json', 'patches[0].after', 'give one of before, after and at, not before and after'],
    ]);
  });
});
