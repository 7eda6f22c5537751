import { randomUUID } from 'node:crypto';
import type { DatabaseConfig } from '../../../src/index.js';
import { onMariaDbOnly, redisUrl } from '../../support/databases.js';
import { eventually } from '../../support/eventually.js';
import { exitOf } from '../../support/processes.js';
import { describeIf } from '../../support/skippable.js';
import { killServeProcesses, processOver, startServe, type ServeProcess } from '../../support/serveProcess.js';
import { startFoundation } from '../../support/startFoundation.js';
import { tempApp, type TempApp } from '../../support/tempApp.js';

const queryByEmail = (email: string) => ({ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: { email } } });
const firstNameVia = async (server: ServeProcess, email: string): Promise<unknown> => {
  const answer = await processOver(server.url, { operations: [queryByEmail(email)] });
  expect(answer.status).toBe(200);
  return (answer.body['operationResponses'] as { commerceEntities: { firstName?: string }[] }[])[0]?.commerceEntities[0]?.firstName;
};

/**
 * Three `commerce serve` processes on one MariaDB database and one Redis channel: a web farm of real processes,
 * reached only over HTTP.
 */
describeIf(Boolean(redisUrl), 'COMMERCE_TEST_REDIS_URL is not set', 'a web farm of commerce serve processes', () => {
  onMariaDbOnly('three servers', (target) => {
    let app: TempApp;
    let database: DatabaseConfig;
    let a: ServeProcess;
    let b: ServeProcess;
    let c: ServeProcess;

    beforeAll(async () => {
      database = await target.create();
      app = tempApp({ 'config/commerce.json': { database, farm: { redis: redisUrl, channel: `http-farm-${randomUUID()}` } } });
      a = await startServe(app.root); // the first one creates the tables
      [b, c] = await Promise.all([startServe(app.root), startServe(app.root)]);
    }, 120000);
    afterAll(() => {
      killServeProcesses();
      app.remove();
    });

    test('each server is ready: its database and the farm answer', async () => {
      for (const server of [a, b, c]) {
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual({ status: 'ready', databases: 'ok', farm: 'ok' });
      }
    });

    test('a change through one server is seen through the others, whose caches held the old value', async () => {
      const created = await processOver(a.url, { operations: [{ operation: 'CommerceCreate', modelName: 'UserProfile', model: { email: 'ann@example.com', firstName: 'Ann' } }] });
      expect(created.status).toBe(200);
      for (const server of [a, b, c]) expect(await firstNameVia(server, 'ann@example.com')).toBe('Ann'); // now cached on each
      const updated = await processOver(b.url, {
        operations: [{ operation: 'CommerceUpdate', modelName: 'UserProfile', searchCriteria: { model: { email: 'ann@example.com' } }, model: { firstName: 'Anne' } }],
      });
      expect(updated.status).toBe(200);
      await eventually(async () => expect(await firstNameVia(a, 'ann@example.com')).toBe('Anne'));
      await eventually(async () => expect(await firstNameVia(c, 'ann@example.com')).toBe('Anne'));
    });

    test('a cache refresh asked of one server refreshes every server', async () => {
      await processOver(a.url, { operations: [{ operation: 'CommerceCreate', modelName: 'UserProfile', model: { email: 'cy@example.com', firstName: 'Cy' } }] });
      for (const server of [a, b, c]) expect(await firstNameVia(server, 'cy@example.com')).toBe('Cy');
      // A change the farm does not hear of: made through a foundation of its own on the same database, without Redis.
      const outsider = await startFoundation(target, { database });
      const cy = await outsider.foundation.profiles.getProfile('GeneralInfo.email_address', 'cy@example.com', 'UserObject');
      await cy?.set('GeneralInfo.first_name', 'Cyrus').update();
      await outsider.stop();
      for (const server of [a, c]) expect(await firstNameVia(server, 'cy@example.com')).toBe('Cy'); // still cached
      const refreshed = await fetch(`${b.url}/v1/refreshProfileCache`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(refreshed.status).toBe(200);
      await eventually(async () => expect(await firstNameVia(a, 'cy@example.com')).toBe('Cyrus'));
      await eventually(async () => expect(await firstNameVia(c, 'cy@example.com')).toBe('Cyrus'));
    });

    test('a server killed (SIGKILL) leaves the others answering, and nothing it committed is lost', async () => {
      const created = await processOver(c.url, { operations: [{ operation: 'CommerceCreate', modelName: 'UserProfile', model: { email: 'dee@example.com', firstName: 'Dee' } }] });
      expect(created.status).toBe(200);
      c.process.kill('SIGKILL');
      expect(await exitOf(c.process, 10000)).not.toBe('still running');
      await expect(fetch(`${c.url}/healthz`)).rejects.toThrow();
      expect(await firstNameVia(a, 'dee@example.com')).toBe('Dee');
      expect(await firstNameVia(b, 'dee@example.com')).toBe('Dee');
      const updated = await processOver(a.url, {
        operations: [{ operation: 'CommerceUpdate', modelName: 'UserProfile', searchCriteria: { model: { email: 'dee@example.com' } }, model: { firstName: 'Deirdre' } }],
      });
      expect(updated.status).toBe(200);
      await eventually(async () => expect(await firstNameVia(b, 'dee@example.com')).toBe('Deirdre'));
      expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
    });
  });
});
