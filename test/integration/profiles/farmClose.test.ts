import type { ChildProcess } from 'node:child_process';
import { exitOf, installed, lineFrom, runChild, startRedis } from '../../support/processes.js';
import { tempApp, type TempApp } from '../../support/tempApp.js';

const redisInstalled = installed('redis-server');
const describeWithRedis = redisInstalled ? describe : describe.skip;

/** A server whose farm's Redis goes away, then closes: nothing keeps its process alive. */
const title = 'closing a server whose web farm Redis is unreachable';
describeWithRedis(redisInstalled ? title : `${title} (skipped: redis-server is not installed)`, () => {
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
