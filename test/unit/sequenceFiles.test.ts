import { join } from 'node:path';
import { closestNames } from '../../src/util/closestNames.js';
import { readSequenceFiles } from '../../src/sequences/readSequenceFiles.js';
import { sequenceFile, tempApp } from '../support/tempApp.js';

describe('reading sequence files', () => {
  test("an app file replaces the shipped file of the same name whole; other shipped files stay", async () => {
    const shipped = tempApp({
      'sequences/CommerceDeleteOperation_UserProfile.json': { isolationLevel: 'serializable', components: [{ name: 'A' }, { name: 'B' }] },
      'sequences/CommerceQueryOperation_UserProfile.json': sequenceFile('Q'),
    });
    const app = tempApp({ 'sequences/CommerceDeleteOperation_UserProfile.json': sequenceFile('C') });
    const { sources, problems } = await readSequenceFiles(app.root, [
      { dir: join(shipped.root, 'sequences'), origin: 'module userprofile' },
      { dir: join(app.root, 'sequences'), origin: 'app' },
    ]);
    expect(problems).toEqual([]);
    const del = sources.get('CommerceDeleteOperation_UserProfile');
    expect(del?.origin).toBe('app');
    expect(del?.file).toBe('sequences/CommerceDeleteOperation_UserProfile.json');
    expect(del?.definition).toEqual({ transactional: true, transactionTimeoutSeconds: 120, components: [{ name: 'C', enabled: true }] });
    expect(del?.entries).toEqual([{ name: 'C', enabled: true, origin: { by: 'app sequences/CommerceDeleteOperation_UserProfile.json', file: 'sequences/CommerceDeleteOperation_UserProfile.json', path: 'components[0]' } }]);
    expect(sources.get('CommerceQueryOperation_UserProfile')?.origin).toBe('module userprofile');
    shipped.remove();
    app.remove();
  });

  test('a missing folder holds no sequences; files that are not .json are ignored', async () => {
    const app = tempApp({ 'sequences/notes.txt': 'x' });
    const { sources, problems } = await readSequenceFiles(app.root, [
      { dir: join(app.root, 'absent'), origin: 'module userprofile' },
      { dir: join(app.root, 'sequences'), origin: 'app' },
    ]);
    expect([sources.size, problems]).toEqual([0, []]);
    app.remove();
  });

  test.each([
    ['CommerceDeleteOperation_.json'],
    ['CommerceRemoveOperation_UserProfile.json'],
    ['commerceDeleteOperation_UserProfile.json'],
    ['CommerceDeleteOperation_User-Profile.json'],
  ])('%s is no handler name', async (name) => {
    const app = tempApp({ [`sequences/${name}`]: sequenceFile('A') });
    const { problems } = await readSequenceFiles(app.root, [{ dir: join(app.root, 'sequences'), origin: 'app' }]);
    expect(problems).toEqual([{ file: `sequences/${name}`, path: '', message: expect.stringMatching(/no handler name/) }]);
    app.remove();
  });

  test('unknown keys in a sequence file are named by their path', async () => {
    const app = tempApp({
      'sequences/CommerceQueryOperation_X.json': { transactionl: false, components: [{ name: 'A', enable: false }] },
    });
    const { problems } = await readSequenceFiles(app.root, [{ dir: join(app.root, 'sequences'), origin: 'app' }]);
    expect(problems.map((p) => p.path).sort()).toEqual(['components[0].enable', 'transactionl']);
    app.remove();
  });
});

describe('closest names', () => {
  const known = ['UserProfileLoader', 'UserProfileCommitter', 'UserProfileAddressesProcessor', 'AuditTrail'];

  test('suggests the nearest names first', () => {
    expect(closestNames('UserProfileLoadr', known)).toEqual(['UserProfileLoader']);
    expect(closestNames('userprofilecommiter', known)).toEqual(['UserProfileCommitter']);
    expect(closestNames('UserProfileAddressProcessor', known)[0]).toBe('UserProfileAddressesProcessor');
  });

  test('suggests nothing for a name unlike any', () => {
    expect(closestNames('Zebra', known)).toEqual([]);
  });
});
