// A serving process for the HTTP benchmark (test/bench/http.ts): the commerce service on one port and a bare Fastify
// route on another, answering with a body of the same size as the warm Query's, plus GET /memory (heap after gc).
// Prints one JSON line: { commerce, bare } URLs.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyFactory from 'fastify';
import { CommerceCreate, CommerceQuery, createCommerceFoundation, createCommerceServer, type DatabaseConfig, type UserProfile } from '../../src/index.js';

const database = JSON.parse(process.argv[2] ?? '{}') as DatabaseConfig;
const root = mkdtempSync(join(tmpdir(), 'cf-bench-http-'));
const foundation = await createCommerceFoundation({ root, database });
const create = new CommerceCreate<UserProfile>('UserProfile');
create.model.email = 'warm@example.com';
create.model.firstName = 'Warm';
create.model.lastName = 'Query';
await foundation.processRequest(create);
const query = new CommerceQuery<UserProfile>('UserProfile');
query.searchCriteria.model.email = 'warm@example.com';
// The bare route answers with text as long as the warm Query's response.
const body = JSON.stringify(await foundation.processRequest(query));

const server = createCommerceServer(foundation, { port: 0 });
const commerce = await server.listen();

const gc = (globalThis as { gc?: () => void }).gc;
const bare = fastifyFactory({ logger: false });
bare.post('/bare', (_request, reply) => reply.type('application/json').send(body));
bare.get('/memory', () => {
  for (let i = 0; i < 3; i++) gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
});
await bare.listen({ port: 0, host: '127.0.0.1' });
const address = bare.server.address();
const barePort = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ commerce, bare: `http://127.0.0.1:${String(barePort)}`, bodyBytes: Buffer.byteLength(body) })}\n`);

process.once('SIGTERM', () => {
  void Promise.all([server.close(), bare.close()]).then(() => foundation.close());
});
