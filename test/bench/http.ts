// The HTTP service under load (npm run bench:http): autocannon against a warm-cache Query and a Create through
// POST /v1/processRequest, at 1 and 50 connections, beside a bare Fastify route answering a body of the same size,
// in one serving process; then the heap of that process after 10,000 and after 100,000 requests. Writes
// test/bench/http.md, which npm run bench puts into BENCHMARKS.md as section 7.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { packageRoot } from '../../src/config/packageRoot.js';
import { mariaDbDatabase, sqliteDatabase, type BenchDatabase } from './benchDatabases.js';

const quick = process.argv.includes('--quick');
const duration = quick ? 2 : 5;
/** Rounds that alternate the bare route, the Query and the Create; each row is the round of median requests/s. */
const rounds = quick ? 1 : 3;
const log = (text: string) => process.stderr.write(`${text}\n`);

interface Urls {
  commerce: string;
  bare: string;
  bodyBytes: number;
}

interface Row {
  scenario: string;
  connections: number;
  requestsPerSecond: number;
  mean: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const queryBody = JSON.stringify({ operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: { email: 'warm@example.com' } } }] });

async function load(url: string, body: string | undefined, connections: number, options: { amount?: number; create?: boolean } = {}): Promise<autocannon.Result> {
  let n = 0;
  const run = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    ...(options.amount === undefined ? { duration } : { amount: options.amount }),
    ...(body === undefined ? {} : { body }),
    ...(options.create
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                body: JSON.stringify({ operations: [{ operation: 'CommerceCreate', modelName: 'UserProfile', model: { email: `u${String(process.pid)}-${String(++n)}-${Date.now().toString(36)}@example.com`, firstName: 'Load' } }] }),
              }),
            },
          ],
        }
      : {}),
  });
  return run;
}

function median(results: readonly autocannon.Result[]): autocannon.Result {
  const sorted = [...results].sort((x, y) => x.requests.average - y.requests.average);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no run');
  // Errors and non-2xx count over every round, not only the median one.
  return { ...middle, errors: results.reduce((n, r) => n + r.errors, 0), timeouts: results.reduce((n, r) => n + r.timeouts, 0), non2xx: results.reduce((n, r) => n + r.non2xx, 0) };
}

function row(scenario: string, connections: number, result: autocannon.Result): Row {
  return { scenario, connections, requestsPerSecond: Math.round(result.requests.average), mean: (1000 * connections) / result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

async function startServing(database: BenchDatabase): Promise<{ urls: Urls; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--expose-gc', join(packageRoot, 'dist-bench/test/bench/httpServer.js'), JSON.stringify(database.config)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the serving process ended (${String(code)})`)));
  });
  return {
    urls: JSON.parse(first) as Urls,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function heapOf(urls: Urls): Promise<number> {
  return ((await (await fetch(`${urls.bare}/memory`)).json()) as { heapUsed: number }).heapUsed;
}

async function benchOn(database: BenchDatabase): Promise<{ rows: Row[]; memory: { after10k: number; after100k: number }; bodyBytes: number }> {
  const serving = await startServing(database);
  const { urls } = serving;
  const rows: Row[] = [];
  try {
    // Warm-up: JIT, the cache, the connection pools.
    await load(`${urls.commerce}/v1/processRequest`, queryBody, 10, { amount: 2000 });
    await load(`${urls.bare}/bare`, '{}', 10, { amount: 2000 });
    for (const connections of [1, 50]) {
      log(`  ${database.label}: ${String(connections)} connection(s)`);
      const runs: Record<'bare' | 'query' | 'create', autocannon.Result[]> = { bare: [], query: [], create: [] };
      for (let round = 0; round < rounds; round++) {
        runs.bare.push(await load(`${urls.bare}/bare`, '{}', connections));
        runs.query.push(await load(`${urls.commerce}/v1/processRequest`, queryBody, connections));
        runs.create.push(await load(`${urls.commerce}/v1/processRequest`, undefined, connections, { create: true }));
      }
      rows.push(row('bare Fastify route, same body size', connections, median(runs.bare)));
      rows.push(row('warm-cache Query', connections, median(runs.query)));
      rows.push(row('Create', connections, median(runs.create)));
    }
    log(`  ${database.label}: memory over 100,000 warm Queries`);
    await load(`${urls.commerce}/v1/processRequest`, queryBody, 10, { amount: 10_000 });
    const after10k = await heapOf(urls);
    await load(`${urls.commerce}/v1/processRequest`, queryBody, 10, { amount: 90_000 });
    const after100k = await heapOf(urls);
    return { rows, memory: { after10k, after100k }, bodyBytes: urls.bodyBytes };
  } finally {
    await serving.stop();
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function section(results: { label: string; rows: Row[]; memory: { after10k: number; after100k: number }; bodyBytes: number }[]): string {
  const out = [
    '## 7. The HTTP service under load',
    '',
    `\`npm run bench:http\` (\`test/bench/http.ts\`). Method: [autocannon](https://github.com/mcollina/autocannon) in the benchmark's process against one serving process (\`test/bench/httpServer.ts\`: \`createCommerceServer\` on one port, a bare Fastify route on another answering text as long as the warm Query's response), ${String(rounds)} rounds that alternate the three scenarios, ${String(duration)} s each, after a warm-up of 2,000 requests each; each row is the round of median requests/s (errors and non-2xx summed over every round); POST /v1/processRequest with no authentication. The Create rows make a new user per request. Requests/s is autocannon's average; ms per request is connections ÷ requests/s; p50 and p99 are autocannon's latencies, in whole milliseconds. Memory: the serving process's heap after a forced gc, after 10,000 and after 100,000 warm Queries (10 connections).${quick ? ' (A --quick run: too short to trust.)' : ''}`,
    '',
    `Machine: ${String(cpus().length)} cores; the load generator, the serving process and the database share them, so the ratios (measured in the same run) are the ones to read.`,
    '',
    'Target: a warm Query at ≥ 50 % of the bare route\'s throughput — met with one connection, missed with 50. With 50 connections the cost is `processRequest` itself (the request\'s JSON form checked with zod, the pipeline, the response), not the HTTP layer: in side runs, the same request through a bare Fastify route calling `foundation.processRequest(CommerceRequest.fromJSON(body))` answered at the rate of `createCommerceServer` (and of `commerceFastifyPlugin` alone), within the spread between runs; with two cores the autocannon client and the server compete, so the bare route gains most from concurrency. Issue 13 (the framework\'s own cost) is where it moves.',
  ];
  for (const result of results) {
    const bare = new Map(result.rows.filter((r) => r.scenario.startsWith('bare')).map((r) => [r.connections, r.requestsPerSecond]));
    out.push('', `### ${result.label}`, '', `Response body: ${String(result.bodyBytes)} bytes.`, '', '| scenario | connections | requests/s | of the bare route | ms per request | p50 ms | p99 ms | errors | non-2xx |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of result.rows) {
      const ratio = r.scenario.startsWith('bare') ? '100 %' : `${String(Math.round((100 * r.requestsPerSecond) / (bare.get(r.connections) ?? 1)))} %`;
      out.push(`| ${r.scenario} | ${String(r.connections)} | ${String(r.requestsPerSecond)} | ${ratio} | ${r.mean.toFixed(3)} | ${String(r.p50)} | ${String(r.p99)} | ${String(r.errors)} | ${String(r.non2xx)} |`);
    }
    const growth = (100 * (result.memory.after100k - result.memory.after10k)) / result.memory.after10k;
    out.push('', `Heap after 10,000 requests: ${mib(result.memory.after10k)}; after 100,000: ${mib(result.memory.after100k)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %; the bound is 10 %).`);
  }
  return `${out.join('\n')}\n`;
}

const databases: BenchDatabase[] = [await sqliteDatabase()];
const mysqlUrl = process.env['COMMERCE_TEST_MYSQL_URL'];
if (mysqlUrl) databases.push(await mariaDbDatabase(mysqlUrl));
else log('MariaDB is skipped: set COMMERCE_TEST_MYSQL_URL to measure it too.');
try {
  const results = [];
  for (const database of databases) {
    log(`7. HTTP on ${database.label}`);
    results.push({ label: database.label, ...(await benchOn(database)) });
  }
  const text = section(results);
  process.stdout.write(text);
  if (!quick) {
    writeFileSync(join(packageRoot, 'test/bench/http.md'), text);
    // The section in BENCHMARKS.md: replaced where it is, else added at the end (npm run bench adds it from http.md).
    const benchmarks = join(packageRoot, 'BENCHMARKS.md');
    const current = readFileSync(benchmarks, 'utf8');
    const start = current.indexOf('## 7. The HTTP service under load');
    const next = start < 0 ? -1 : current.indexOf('\n## ', start + 1);
    const updated = start < 0 ? `${current.trimEnd()}\n\n${text}` : `${current.slice(0, start)}${text}${next < 0 ? '' : current.slice(next)}`;
    writeFileSync(benchmarks, updated);
    log('wrote test/bench/http.md and section 7 of BENCHMARKS.md');
  }
} finally {
  for (const database of databases) await database.drop();
}
