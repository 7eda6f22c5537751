import type { ChildProcess } from 'node:child_process';
import { exitOf, installed, lineFrom, runChild, startRedis } from '../../support/processes.js';
import { describeIf } from '../../support/skippable.js';
import { tempApp, type TempApp } from '../../support/tempApp.js';

/** A server whose farm's Redis goes away, then closes: nothing keeps its process alive. */
describeIf(installed('redis-server'), 'redis-server is not installed', 'closing a server whose web farm Redis is unreachable', () => {
  let redis: ChildProcess | undefined;
  let server: ChildProcess | undefined;
  let app: TempApp | undefined;
  afterEach(() => {
    server?.kill('SIGKILL');
    redis?.kill('SIGKILL');
    app?.remove();
  });

  test('close() ends the Redis clients, and the process exits by itself', async () => {
    const started = await startRedis();
    redis = started.process;
    app = tempApp({ 'config/commerce.json': { database: 'sqlite::memory:', farm: { redis: started.url } } });
    server = runChild('farmServer.ts', [app.root]);
    await lineFrom(server, /^started$/);

    const closed = lineFrom(server, /^closed$/);
    redis.kill('SIGTERM');
    await closed;

    expect(await exitOf(server, 20_000)).toBe(0);
  });
});
