import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';
import { mariaDbDatabase, sqliteDatabase, type BenchDatabase } from './benchDatabases.js';
import { cacheBench } from './cacheLookups.js';
import { dataModelBench } from './dataModelOps.js';
import { dispatchBench, spansBench } from './dispatch.js';
import type { MeasureOptions } from './measure.js';
import { memoryBench } from './memory.js';
import { renderReport, type BenchResults } from './report.js';
import { scalingBench } from './scaling.js';
import { searchBench } from './search.js';
import { userProfileBench } from './userProfileOps.js';

/** The sections `--only <section>` may name, in the report's order. */
const sections = ['dispatch', 'userprofile', 'cache', 'scaling', 'memory', 'datamodel', 'search'] as const;
type Section = (typeof sections)[number];

const log = (text: string) => process.stderr.write(`${text}\n`);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
if (onlyAt >= 0 && !sections.includes(only as Section)) {
  log(`--only takes one of: ${sections.join(', ')}${only ? ` (not "${only}")` : ''}`);
  process.exit(2);
}
const runs = (section: Section) => only === undefined || only === section;
const options: MeasureOptions = quick ? { rounds: 2, timeMs: 150, warmupMs: 30 } : { rounds: 5, timeMs: 1500, warmupMs: 300 };

const databases: BenchDatabase[] = [await sqliteDatabase()];
const mysqlUrl = process.env['COMMERCE_TEST_MYSQL_URL'];
if (mysqlUrl) databases.push(await mariaDbDatabase(mysqlUrl));
else log('MariaDB is skipped: set COMMERCE_TEST_MYSQL_URL to measure it too.');


try {
  const results: { -readonly [K in keyof BenchResults]: BenchResults[K] } = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'an unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${platform()} ${release()}`,
    databases: databases.map((d) => d.version),
    method: `Method: [tinybench](https://github.com/tinylibs/tinybench), ${options.warmupMs} ms of warm-up then ${options.timeMs} ms per task, ${options.rounds} interleaved rounds of every side of a comparison in one process (round r runs the sides in an order rotated by r); each figure is the median over the rounds of the task's median latency${quick ? ' (a --quick run: too short to trust)' : ''}${only ? ` (--only ${only})` : ''}. Setting up each iteration (a fresh user to delete, emptying the cache for a cold read) happens outside the timed part.`,
  };
  if (runs('dispatch')) {
    log('1. dispatch');
    results.dispatch = await dispatchBench(options);
  }
  if (runs('cache')) {
    log('3. cache lookups');
    results.cache = await cacheBench(options);
  }
  for (const database of databases) {
    if (runs('userprofile')) {
      log(`2. UserProfile operations on ${database.label}`);
      results.operations = [...(results.operations ?? []), { database: database.label, rows: await userProfileBench(database, options) }];
    }
    if (runs('scaling')) {
      log(`4. scaling on ${database.label}`);
      results.scaling = [...(results.scaling ?? []), { database: database.label, rows: await scalingBench(database, options) }];
    }
    if (runs('datamodel')) {
      log(`6. a model declared in data on ${database.label}`);
      results.dataModel = [...(results.dataModel ?? []), { database: database.label, rows: await dataModelBench(database, options) }];
    }
    if (runs('search')) {
      log(`8. search on ${database.label}`);
      results.search = [...(results.search ?? []), { database: database.label, results: await searchBench(database, options) }];
    }
  }
  if (runs('memory')) {
    log('5. memory');
    results.memory = await memoryBench();
  }
  // Last: once OpenTelemetry's context manager has run a span, Node keeps promise hooks for the rest of the process,
  // and every section measured after would pay for them (see spansBench).
  if (runs('dispatch')) {
    log('1. dispatch: OpenTelemetry spans');
    results.spans = await spansBench(options);
  }
  const notes = readFileSync(join(packageRoot, 'test/bench/notes.md'), 'utf8');
  // Section 7, the HTTP service, is measured by npm run bench:http, which writes it to test/bench/http.md.
  const http = join(packageRoot, 'test/bench/http.md');
  const report = `${renderReport(results, only ? '' : notes)}${!only && existsSync(http) ? `\n${readFileSync(http, 'utf8').trimEnd()}\n` : ''}`;
  process.stdout.write(`${report}\n`);
  // Only a whole, full-length run replaces BENCHMARKS.md.
  if (!quick && !only) {
    writeFileSync(join(packageRoot, 'BENCHMARKS.md'), report);
    log('wrote BENCHMARKS.md');
  }
} finally {
  for (const database of databases) await database.drop();
}
