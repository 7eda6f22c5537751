import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';
import { mariaDbDatabase, sqliteDatabase, type BenchDatabase } from './benchDatabases.js';
import { cacheBench } from './cacheLookups.js';
import { dataModelBench } from './dataModelOps.js';
import { dispatchBench } from './dispatch.js';
import type { MeasureOptions } from './measure.js';
import { memoryBench } from './memory.js';
import { renderReport, searchSection, type BenchResults } from './report.js';
import { scalingBench } from './scaling.js';
import { searchBench } from './search.js';
import { userProfileBench } from './userProfileOps.js';

const quick = process.argv.includes('--quick');
const options: MeasureOptions = quick ? { rounds: 1, timeMs: 150, warmupMs: 30 } : { rounds: 5, timeMs: 1500, warmupMs: 300 };
const log = (text: string) => process.stderr.write(`${text}\n`);

const databases: BenchDatabase[] = [await sqliteDatabase()];
const mysqlUrl = process.env['COMMERCE_TEST_MYSQL_URL'];
if (mysqlUrl) databases.push(await mariaDbDatabase(mysqlUrl));
else log('MariaDB is skipped: set COMMERCE_TEST_MYSQL_URL to measure it too.');

/** `npm run bench -- --only search`: section 7 alone, printed, BENCHMARKS.md left as it is. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

try {
  if (only === 'search') {
    const search = [];
    for (const database of databases) {
      log(`7. search on ${database.label}`);
      search.push({ database: database.label, results: await searchBench(database, options) });
    }
    process.stdout.write(`${searchSection(search)}\n`);
  } else {
    log('1. dispatch');
    const dispatch = await dispatchBench(options);
    log('3. cache lookups');
    const cache = await cacheBench(options);
    const operations = [];
    const scaling = [];
    const dataModel = [];
    const search = [];
    for (const database of databases) {
      log(`2. UserProfile operations on ${database.label}`);
      operations.push({ database: database.label, targetRatio: database.label === 'SQLite' ? 1.25 : 1.1, rows: await userProfileBench(database, options) });
      log(`4. scaling on ${database.label}`);
      scaling.push({ database: database.label, rows: await scalingBench(database, options) });
      log(`6. a model declared in data on ${database.label}`);
      dataModel.push({ database: database.label, rows: await dataModelBench(database, options) });
      log(`7. search on ${database.label}`);
      search.push({ database: database.label, results: await searchBench(database, options) });
    }
    log('5. memory');
    const memory = await memoryBench();
    const cpu = cpus()[0]?.model.trim() ?? 'an unknown CPU';
    const results: BenchResults = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${platform()} ${release()}`,
      databases: databases.map((d) => d.version),
      method: `Method: [tinybench](https://github.com/tinylibs/tinybench), ${options.warmupMs} ms of warm-up then ${options.timeMs} ms per task, ${options.rounds} rounds that alternate the framework and the hand-written code in one process; each figure is the median over the rounds of the task's median latency${quick ? ' (a --quick run: too short to trust)' : ''}. Setting up each iteration (a fresh user to delete, emptying the cache for a cold read) happens outside the timed part.`,
      dispatch,
      operations,
      cache,
      scaling,
      memory,
      dataModel,
      search,
    };
    const notes = readFileSync(join(packageRoot, 'test/bench/notes.md'), 'utf8');
    const report = renderReport(results, notes);
    process.stdout.write(`${report}\n`);
    if (!quick) {
      writeFileSync(join(packageRoot, 'BENCHMARKS.md'), report);
      log('wrote BENCHMARKS.md');
    }
  }
} finally {
  for (const database of databases) await database.drop();
}
