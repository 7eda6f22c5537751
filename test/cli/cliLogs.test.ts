import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';
import { tempApp, type TempApp } from '../support/tempApp.js';

/** The built `commerce` command in a process of its own, as a shell runs it: its stdout and stderr apart. */
function commerce(app: TempApp, args: string[], input: string, env: Record<string, string>) {
  const run = spawnSync(process.execPath, [join(packageRoot, 'dist/src/cli/main.js'), ...args, '--root', app.root], {
    input,
    encoding: 'utf8',
    env: { ...process.env, COMMERCE_DATABASE_URL: `sqlite:${join(app.root, 'shop.sqlite')}`, ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("the CLI's log lines: pino on stderr, so that stdout holds only the command's output", () => {
  let app: TempApp;
  const create = JSON.stringify({ operations: [{ operation: 'CommerceCreate', modelName: 'UserProfile', model: { id: 'u1', email: 'ann@example.com' } }] });
  beforeEach(() => {
    app = tempApp({ 'config/commerce.json': { encryptionKey: 'ab'.repeat(32) } });
  });
  afterEach(() => app.remove());

  test('by default (warn) a request prints its response and nothing else', () => {
    const run = commerce(app, ['request', '-'], create, {});
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(run.out)).toEqual({ operationResponses: [{ commerceEntity: expect.objectContaining({ id: 'u1' }) }] });
  });

  test('COMMERCE_LOG_LEVEL=debug: the SQL text on stderr as JSON lines, with requestId and handler; stdout still only the response', () => {
    const run = commerce(app, ['request', '-'], create, { COMMERCE_LOG_LEVEL: 'debug' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual({ operationResponses: [{ commerceEntity: expect.objectContaining({ id: 'u1' }) }] });
    const lines = run.err.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const inserts = lines.filter((line) => line['msg'] === 'sql' && /insert into/i.test(String(line['sql'])));
    expect(inserts.length).toBeGreaterThan(0);
    for (const line of inserts) expect(line).toMatchObject({ level: 20, handler: 'CommerceCreateOperation_UserProfile', requestId: expect.any(String) });
    expect(run.err).not.toContain('ann@example.com');
  });

  test('a COMMERCE_LOG_LEVEL that is no level: a configuration problem, exit 1', () => {
    const run = commerce(app, ['request', '-'], create, { COMMERCE_LOG_LEVEL: 'chatty' });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain('COMMERCE_LOG_LEVEL');
  });
});
