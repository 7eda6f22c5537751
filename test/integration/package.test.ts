import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';
import { tempApp } from '../support/tempApp.js';

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

const componentsSource = `
import { z } from 'zod';
export const Stamp = { configurationSchema: z.object({ text: z.string() }), execute(context) { context.cache.set('stamp', context.configuration.text); } };
export const Answer = { execute(context) { context.response.commerceEntities.push({ modelName: 'WishList', id: 'w1', stamp: context.cache.get('stamp') }); } };
`;

const appSource = `
import { createCommerceFoundation, CommerceQuery } from 'commerce-foundation';

const foundation = await createCommerceFoundation(); // components from config/commerce.json
const response = await foundation.processRequest(new CommerceQuery('WishList'), { trace: true });
await foundation.close();
console.log(JSON.stringify(response));
`;

const typedSource = `
import { CommerceDelete, createCommerceFoundation, type UserProfile } from 'commerce-foundation';
const del = new CommerceDelete<UserProfile>('UserProfile');
del.searchCriteria.model.email = 'ann@example.com';
export async function count(): Promise<number> {
  const foundation = await createCommerceFoundation();
  const response = await foundation.processRequest(del);
  return response.operationResponses[0].count;
}
`;

describe('the packed package', () => {
  let work: string;
  afterAll(() => work && rmSync(work, { recursive: true, force: true }));

  test('installs into an empty folder and runs a custom sequence from that folder', () => {
    work = mkdtempSync(join(tmpdir(), 'cf-pack-'));
    const tarball = run('npm', ['pack', '--silent', '--pack-destination', work], packageRoot).trim().split('\n').pop() ?? '';
    const contents = run('tar', ['-tzf', join(work, tarball)], work).split('\n');
    expect(contents).toEqual(expect.arrayContaining(['package/dist/src/index.js', 'package/dist/src/index.d.ts', 'package/schemas/sequence.schema.json']));
    expect(contents.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false);

    const app = tempApp({
      'package.json': { name: 'shop', private: true, type: 'module' },
      'app.mjs': appSource,
      'components.mjs': componentsSource,
      'config/commerce.json': { components: './components.mjs' },
      'typed.ts': typedSource,
      'tsconfig.json': {
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: false, typeRoots: [join(packageRoot, 'node_modules/@types')], types: ['node'] },
        files: ['typed.ts'],
      },
      'sequences/CommerceQueryOperation_WishList.json': {
        $schema: '../node_modules/commerce-foundation/schemas/sequence.schema.json',
        components: [{ name: 'Stamp', configuration: { text: 'from the app' } }, { name: 'Answer' }],
      },
    });
    try {
      // The native SQLite addon is copied from this checkout (same version, same Node) instead of compiled again.
      run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball)], app.root);
      const ours = JSON.parse(readFileSync(join(packageRoot, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
      const theirs = JSON.parse(readFileSync(join(app.root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
      if (ours === theirs) cpSync(join(packageRoot, 'node_modules/better-sqlite3/build'), join(app.root, 'node_modules/better-sqlite3/build'), { recursive: true });
      else run('npm', ['rebuild', 'better-sqlite3'], app.root);

      const response = JSON.parse(run('node', ['app.mjs'], app.root));
      expect(response.operationResponses).toEqual([{ commerceEntities: [{ modelName: 'WishList', id: 'w1', stamp: 'from the app' }] }]);
      expect(response.trace.map((t: { component: string }) => t.component)).toEqual(['Stamp', 'Answer']);
      expect(existsSync(join(app.root, 'node_modules/commerce-foundation/schemas/sequence.schema.json'))).toBe(true);

      run(process.execPath, [join(packageRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app.root);

      // The bin: the app's own sequence, and a validation that sees every file
      expect(run(join(app.root, 'node_modules/.bin/commerce'), ['sequences', 'CommerceQueryOperation_WishList'], app.root)).toMatch(/CommerceQueryOperation_WishList {2}\(app, transactional: sequences\/CommerceQueryOperation_WishList\.json\)\n +1\. Stamp/);
      expect(run(join(app.root, 'node_modules/.bin/commerce'), ['validate'], app.root).trim()).toBe('ok');
      expect(run(join(app.root, 'node_modules/.bin/commerce'), ['demo'], app.root)).toMatch(/Left in the store: users bob, cid/);
    } finally {
      app.remove();
    }
  }, 300_000);
});
