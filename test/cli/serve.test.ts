import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';
import { eventually } from '../support/eventually.js';
import { exitOf, freePort } from '../support/processes.js';
import { killServeProcesses, processOver, startServe } from '../support/serveProcess.js';
import { sequenceFile, tempApp, type TempApp } from '../support/tempApp.js';

/** `commerce serve` as a process: listens, logs each request, and stops cleanly on SIGTERM and SIGINT. */
describe('commerce serve', () => {
  let app: TempApp;
  beforeEach(() => {
    app = tempApp({
      'config/commerce.json': { components: './components.mjs' },
      // It says on stderr when it has begun, so that the test signals the server only once the request is in flight.
      'components.mjs': "export const Slow = { execute: () => { process.stderr.write('Slow: begun\\n'); return new Promise((resolve) => setTimeout(resolve, 1500)); } };\n",
      'sequences/CommerceQueryOperation_Slow.json': sequenceFile('Slow'),
    });
  });
  afterEach(() => {
    killServeProcesses();
    app.remove();
  });

  test.each(['SIGTERM', 'SIGINT'] as const)('serves requests, writes one JSON access-log line each, and on %s finishes the request in flight, then exits 0', async (signal) => {
    const served = await startServe(app.root);
    const created = await processOver(served.url, { operations: [{ operation: 'CommerceCreate', modelName: 'UserProfile', model: { email: 'ann@example.com' } }] });
    expect(created.status).toBe(200);
    const accessLog = () =>
      served.output.stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry['msg'] === 'request');
    // The line is written once the response is sent: it may reach the pipe just after the client has the response.
    await eventually(() => {
      expect(accessLog()).toEqual([expect.objectContaining({ level: 30, method: 'POST', url: '/v1/processRequest', statusCode: 200, reqId: expect.any(String) as string, responseTimeMs: expect.any(Number) as number })]);
    });
    const inFlight = processOver(served.url, { operations: [{ operation: 'CommerceQuery', modelName: 'Slow' }] });
    await eventually(() => expect(served.output.stderr).toContain('Slow: begun'), 10_000);
    served.process.kill(signal);
    expect((await inFlight).status).toBe(200);
    expect(await exitOf(served.process, 15000)).toBe(0);
    expect(served.output.stderr).toContain(`${signal}: finishing the requests in flight`);
    expect(served.output.stderr).toContain('stopped');
  });

  test('PORT and HOST are read from the environment when no option gives them', async () => {
    const port = await freePort();
    const served = await startServe(app.root, { portOption: false, env: { PORT: String(port), HOST: 'localhost' } });
    expect(served.url).toBe(`http://localhost:${String(port)}`);
    expect((await fetch(`http://127.0.0.1:${String(port)}/healthz`)).status).toBe(200);
  });

  test('without authentication, a host that is not loopback is refused at start-up, naming the setting', () => {
    const child = spawnSync(process.execPath, [join(packageRoot, 'dist/src/cli/main.js'), 'serve', '--root', app.root, '--port', '0'], {
      env: { ...process.env, HOST: '0.0.0.0' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/server\.auth: is "none", which is allowed only on a loopback host.*0\.0\.0\.0/);
    expect(child.stderr).not.toMatch(/\n\s+at /);
  });

  test('--port and --host give the address it listens on', async () => {
    const port = await freePort();
    const served = await startServe(app.root, { args: ['--port', String(port), '--host', '127.0.0.1'], env: { PORT: '1' } });
    expect(served.url).toBe(`http://127.0.0.1:${String(port)}`);
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
  });

  test('a port that is no number is a usage error', () => {
    const child = spawnSync(process.execPath, [join(packageRoot, 'dist/src/cli/main.js'), 'serve', '--root', app.root, '--port', 'eighty'], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('give a port number from 0 to 65535');
  });
});
