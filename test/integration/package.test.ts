import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';
import { tempApp, type TempApp } from '../support/tempApp.js';

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
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

const requiringSource = `require('commerce-foundation');\n`;

const commonJsTypedSource = `
import { createCommerceFoundation } from 'commerce-foundation';
export const start = createCommerceFoundation;
`;

/** The app's tsconfig for `files`: the project's strict options, the types of this checkout. */
const tsconfigFor = (files: string[]) => ({
  compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: false, typeRoots: [join(packageRoot, 'node_modules/@types')], types: ['node'] },
  files,
});

/** A command that must fail: its exit code and what it printed. */
function failing(cmd: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const npmInstall = (tarball: string) => ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', tarball];

describe('the packed package', () => {
  let work: string;
  let tarball: string;
  let app: TempApp;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cf-pack-'));
    app = tempApp({
      'package.json': { name: 'shop', private: true, type: 'module' },
      'app.mjs': appSource,
      'components.mjs': componentsSource,
      'config/commerce.json': { components: './components.mjs' },
      'typed.ts': typedSource,
      'tsconfig.json': tsconfigFor(['typed.ts']),
      'required.cjs': requiringSource,
      'required.cts': commonJsTypedSource,
      'tsconfig.cjs.json': tsconfigFor(['required.cts']),
      'sequences/CommerceQueryOperation_WishList.json': {
        $schema: '../node_modules/commerce-foundation/schemas/sequence.schema.json',
        components: [{ name: 'Stamp', configuration: { text: 'from the app' } }, { name: 'Answer' }],
      },
    });
    tarball = join(work, run('npm', ['pack', '--silent', '--pack-destination', work], packageRoot).trim().split('\n').pop() ?? '');
    // The native SQLite addon is copied from this checkout (same version, same Node) instead of compiled again.
    run('npm', npmInstall(tarball), app.root);
    const ours = JSON.parse(readFileSync(join(packageRoot, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
    const theirs = JSON.parse(readFileSync(join(app.root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
    if (ours === theirs) cpSync(join(packageRoot, 'node_modules/better-sqlite3/build'), join(app.root, 'node_modules/better-sqlite3/build'), { recursive: true });
    else run('npm', ['rebuild', 'better-sqlite3'], app.root);
  }, 300_000);
  afterAll(() => {
    app.remove();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('holds the built package, its licence and its schemas, and no sources; its source maps carry their sources', () => {
    const contents = run('tar', ['-tzf', tarball], work).split('\n');
    expect(contents).toEqual(expect.arrayContaining(['package/dist/src/index.js', 'package/dist/src/index.d.ts', 'package/schemas/sequence.schema.json', 'package/LICENSE']));
    expect(contents.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false);
    expect(contents.filter((f) => f.endsWith('.d.ts.map'))).toEqual([]);
    const maps = contents.filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(0);
    run('tar', ['-xzf', tarball], work);
    const withoutSources = maps.filter((map) => {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(work, map), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      return sourcesContent?.length !== sources.length || sourcesContent.some((content) => !content);
    });
    expect(withoutSources).toEqual([]);
  });

  test('installs into an empty folder and runs a custom sequence from that folder', () => {
    const response = JSON.parse(run('node', ['app.mjs'], app.root));
    expect(response.operationResponses).toEqual([{ commerceEntities: [{ modelName: 'WishList', id: 'w1', stamp: 'from the app' }] }]);
    expect(response.trace.map((t: { component: string }) => t.component)).toEqual(['Stamp', 'Answer']);
    expect(existsSync(join(app.root, 'node_modules/commerce-foundation/schemas/sequence.schema.json'))).toBe(true);

    run(process.execPath, [join(packageRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app.root);

    // The bin: the app's own sequence, and a validation that sees every file
    expect(run(join(app.root, 'node_modules/.bin/commerce'), ['sequences', 'CommerceQueryOperation_WishList'], app.root)).toMatch(/CommerceQueryOperation_WishList {2}\(app, transactional, timeout 120 s: sequences\/CommerceQueryOperation_WishList\.json\)\n +1\. Stamp +← app sequences\/CommerceQueryOperation_WishList\.json/);
    expect(run(join(app.root, 'node_modules/.bin/commerce'), ['validate'], app.root).trim()).toBe('ok');
    expect(run(join(app.root, 'node_modules/.bin/commerce'), ['demo'], app.root)).toMatch(/Left in the store: users bob, cid/);
  }, 300_000);

  test('is ES modules only: require() fails at once saying so, on every Node; a CommonJS TypeScript file fails its type check', () => {
    const required = failing('node', ['required.cjs'], app.root);
    expect(required.status).not.toBe(0);
    expect(required.output).toContain("commerce-foundation is an ES module: use import (from CommonJS: await import('commerce-foundation')), not require()");
    const typed = failing(process.execPath, [join(packageRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.cjs.json'], app.root);
    expect(typed.status).not.toBe(0);
    expect(typed.output).toContain(`required.cts(2,10): error TS2305: Module '"commerce-foundation"' has no exported member 'createCommerceFoundation'.`);
  }, 60_000);

  test('zod and inversify are peer dependencies: installed with it where the app has none, refused at install time next to zod 3', () => {
    const own = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> & { zod: string } };
    for (const name of ['zod', 'inversify']) {
      const installed = JSON.parse(readFileSync(join(app.root, 'node_modules', name, 'package.json'), 'utf8')).version as string;
      expect({ name, major: installed.split('.')[0] }).toEqual({ name, major: own.peerDependencies[name]?.replace(/^\D*/, '').split('.')[0] });
    }
    const onZod3 = tempApp({ 'package.json': { name: 'old-shop', private: true, type: 'module', dependencies: { zod: '^3.25.0' } } });
    try {
      const install = failing('npm', npmInstall(tarball), onZod3.root);
      expect(install.status).not.toBe(0);
      expect(install.output).toContain('ERESOLVE');
      expect(install.output).toContain(`peer zod@"${own.peerDependencies['zod']}" from commerce-foundation`);
    } finally {
      onZod3.remove();
    }
  }, 120_000);
});
