import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommerceDelete, CommerceQuery, CommerceQueryRelatedItem, createCommerceFoundation, type CommerceFoundation, type UserProfile } from '../../src/index.js';
import { packageRoot } from '../../src/config/packageRoot.js';
import { createPool, type RowDataPacket } from 'mysql2/promise';
import { mariaDbDatabase } from './benchDatabases.js';
import { drizzleSqlitePeer } from './drizzlePeer.js';
import { rawSqlitePeer } from './rawDriver.js';
import { seedNeighbour, seedUser } from './fixtures.js';
import { benchEncryptionKey, newUserInput } from './peerWork.js';
import { createOf } from './userProfileOps.js';

/**
 * Where the framework's microseconds go: a warm Query, a cold Query, a Create and a Delete of a UserProfile, each
 * run in a loop on SQLite (WAL, synchronous=FULL) under V8's CPU profiler — the profiler `node --cpu-prof` starts,
 * here started through node:inspector around the loop alone, so that setting up (seeding the users a Delete
 * deletes, emptying the cache before a cold read) stays out of it. Each profile is written as a .cpuprofile (open it
 * in Chrome DevTools or speedscope for the flame graph) and summarized by step (every sample is given to the
 * innermost frame that belongs to a step), then by function: self time, and total time (the samples with the
 * function anywhere on the stack, which is where a step's own work and the driver calls it makes add up).
 *
 *   npm run bench:profile [-- --ops warm,cold,create,delete,shapes,apart --seconds 4 --rounds 20 --out dist-bench/profiles]
 *
 * `shapes` times the cold Query's statement alone against the raw driver's three, on SQLite, and on MariaDB too
 * when COMMERCE_TEST_MYSQL_URL is set — there also after 150 µs of this process's own work, which is what a statement
 * the framework sends after its JavaScript costs on a server whose thread has been idle meanwhile.
 *
 * `apart` takes the SQLite cold Query apart by taking its parts away (see coldQueryApart), with no profiler.
 */

type Op = 'warm' | 'cold' | 'create' | 'delete' | 'shapes' | 'apart';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly parent?: number;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const ops = (option('ops') ?? 'warm,cold,create,delete,shapes,apart').split(',') as Op[];
const seconds = Number(option('seconds') ?? '4');
const out = join(packageRoot, option('out') ?? 'dist-bench/profiles');

/** The steps of an operation, by where their code lives; the first rule a frame matches names its step. */
const steps: readonly (readonly [string, (frame: CallFrame) => boolean])[] = [
  ['request validation (zod, model rules)', (f) => /\/node_modules\/zod\/|\/src\/pipeline\/validateOperation|\/src\/models\/validation\/|\/src\/requests\//.test(f.url)],
  ['knex per transaction (begin and commit, a transactor object each, the pool)', (f) => /\/node_modules\/(knex\/lib\/(execution\/transaction|knex-builder\/make-knex|util\/make-knex)|tarn)/.test(f.url)],
  ['knex per statement (raw and query builder, compiling, runner, client)', (f) => f.url.includes('/node_modules/knex/')],
  ['mysql2 driver', (f) => f.url.includes('/node_modules/mysql2/')],
  ['cache bookkeeping (ProfileCache, overlay)', (f) => f.url.includes('/src/profiles/cache/')],
  ['SQL building and row reading (profile store)', (f) => /\/src\/profiles\/store\//.test(f.url)],
  ['storage: dialect, transaction scope, statement counting', (f) => f.url.includes('/src/storage/')],
  ['profile contexts, sessions, reads and writes', (f) => /\/src\/profiles\/(runtime|ProfilesSystem|definitions)/.test(f.url)],
  ['entity mapping (records ⇄ entities)', (f) => f.url.includes('/src/models/mapping/')],
  ['card sealing (AES-256-GCM)', (f) => f.url.includes('/src/models/sensitive/')],
  ['response building (entity and related items)', (f) => /\/src\/models\/components\/(ModelResponseBuilder|RelatedItemsResponseBuilder|pageOf)/.test(f.url)],
  ['model components: loader, related-item processors, committer', (f) => /\/src\/models\/components\/|\/src\/features\//.test(f.url)],
  ['dispatch and operation context (pipeline, sequences)', (f) => /\/src\/(pipeline|sequences|container|foundation|responses|faults)\//.test(f.url)],
  ['the benchmark loop itself', (f) => f.url.includes('/test/bench/')],
];

/** Native frames (no script) count where the first script frame above them says; these few are named by themselves. */
function nativeStep(frame: CallFrame, parent: CallFrame | undefined): string | undefined {
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(program)') return 'V8 and Node internals (program)';
  if (frame.functionName === '(idle)') return 'idle';
  if (frame.url === '' && frame.functionName === 'parse' && parent && /\/src\//.test(parent.url)) return 'JSON load parsing (JSON.parse)';
  if (parent?.url.includes('/node_modules/knex/lib/dialects/better-sqlite3/') && frame.url === '') return 'SQLite itself (better-sqlite3 native: prepare, step, commit)';
  return undefined;
}

interface Summary {
  readonly samples: number;
  readonly byStep: Map<string, number>;
  readonly bySelf: Map<string, number>;
  /** Samples with the function anywhere on the stack (counted once per sample however deep it recurses): its total time. */
  readonly byTotal: Map<string, number>;
}

const frameName = (frame: CallFrame) => `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|dist-bench)\//, '')}:${frame.lineNumber + 1}`;

function summarize(profile: CpuProfile): Summary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const stepOfNode = new Map<number, string>();
  // The cold loop empties the cache between operations, outside the clock: whatever runs under that is not the operation's.
  const betweenOperations = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) if (nodes.get(at)?.callFrame.functionName === 'refreshProfileCache') return true;
    return false;
  };
  const stepOf = (id: number): string => {
    const known = stepOfNode.get(id);
    if (known) return known;
    let step: string | undefined = betweenOperations(id) ? 'idle' : undefined;
    for (let at: number | undefined = id; at !== undefined && !step; at = parentOf.get(at)) {
      const node = nodes.get(at);
      if (!node) break;
      const parentId = parentOf.get(at);
      step = nativeStep(node.callFrame, parentId === undefined ? undefined : nodes.get(parentId)?.callFrame) ?? steps.find(([, matches]) => matches(node.callFrame))?.[0];
    }
    step ??= 'Node internals: promises, microtasks, timers';
    stepOfNode.set(id, step);
    return step;
  };
  const byStep = new Map<string, number>();
  const bySelf = new Map<string, number>();
  const byTotal = new Map<string, number>();
  let samples = 0;
  for (const id of profile.samples) {
    const step = stepOf(id);
    if (step === 'idle') continue;
    samples++;
    byStep.set(step, (byStep.get(step) ?? 0) + 1);
    const frame = nodes.get(id)?.callFrame;
    const where = frame ? frameName(frame) : '?';
    bySelf.set(where, (bySelf.get(where) ?? 0) + 1);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const caller = nodes.get(at)?.callFrame;
      if (caller && (caller.url.includes('/src/') || (caller.url === '' && caller.functionName !== '(root)'))) onStack.add(frameName(caller));
    }
    for (const name of onStack) byTotal.set(name, (byTotal.get(name) ?? 0) + 1);
  }
  return { samples, byStep, bySelf, byTotal };
}

const queryOf = (email: string) => {
  const op = new CommerceQuery<UserProfile>('UserProfile');
  op.searchCriteria.model.email = email;
  op.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'), new CommerceQueryRelatedItem('CreditCards'));
  return op;
};
const deleteOf = (email: string) => {
  const op = new CommerceDelete<UserProfile>('UserProfile');
  op.searchCriteria.model.email = email;
  op.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'), new CommerceQueryRelatedItem('CreditCards'));
  return op;
};

const microseconds = (run: () => unknown, times = 20_000) => {
  for (let i = 0; i < 2000; i++) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < times; i++) run();
  return Number(process.hrtime.bigint() - start) / times / 1000;
};

/**
 * The cold Query's one statement (a JSON object of every column and list of three definitions) against the three
 * plain statements the raw driver sends, both prepared once on one better-sqlite3 connection, and what parsing its
 * JSON rows costs. No profiler: plain timings, the median of three.
 */
async function coldStatement(foundation: CommerceFoundation, email: string): Promise<{ sql: string; bindings: unknown[] }> {
  let captured: { sql: string; bindings: unknown[] } | undefined;
  const listen = (query: { sql: string; bindings: unknown[] }) => void (captured ??= query);
  foundation.knex.on('query', listen);
  await foundation.profileManagement.refreshProfileCache();
  await foundation.processRequest(queryOf(email));
  foundation.knex.off('query', listen);
  if (!captured) throw new Error('the cold Query sent no statement');
  return captured;
}

async function shapes(foundation: CommerceFoundation, filename: string, email: string): Promise<string> {
  const { sql, bindings } = await coldStatement(foundation, email);
  const db = new Database(filename, { readonly: true });
  try {
    const json = db.prepare(sql);
    const user = db.prepare('SELECT * FROM user_object WHERE email_address = ?');
    const addresses = db.prepare('SELECT a.* FROM user_object_address_list l JOIN address a ON a.address_id = l.item_key WHERE l.owner_key = ? ORDER BY l.position');
    const cards = db.prepare('SELECT c.* FROM user_object_credit_card_list l JOIN credit_card c ON c.id = l.item_key WHERE l.owner_key = ? ORDER BY l.position');
    const rows = json.all(...bindings) as { profile: string }[];
    const median = (run: () => unknown) => [microseconds(run), microseconds(run), microseconds(run)].sort((a, b) => a - b)[1] ?? NaN;
    const oneStatement = median(() => json.all(...bindings));
    const three = median(() => {
      const u = user.get(email) as { user_id: string };
      addresses.all(u.user_id);
      cards.all(u.user_id);
    });
    const parse = median(() => rows.map((r) => JSON.parse(r.profile) as unknown));
    return [
      `## shapes: the cold Query's SQL on SQLite, without the framework (${rows.length} JSON rows, ${sql.length} characters of SQL)`,
      '',
      '| what | µs |',
      '| --- | --- |',
      `| the one JSON statement (json_array of every column and of three json_group_array lists), prepared once | ${oneStatement.toFixed(1)} |`,
      `| the three plain statements of the raw driver (user by email, its addresses, its cards), prepared once | ${three.toFixed(1)} |`,
      `| JSON.parse of the ${rows.length} rows the one statement answers | ${parse.toFixed(1)} |`,
      '',
    ].join('\n');
  } finally {
    db.close();
  }
}

const asyncMicroseconds = async (run: () => Promise<unknown>, times = 1000) => {
  for (let i = 0; i < 100; i++) await run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < times; i++) await run();
  return Number(process.hrtime.bigint() - start) / times / 1000;
};

/** Keeps this thread busy for `us` microseconds, as the framework's own JavaScript between two statements does. */
const busyFor = (us: number) => {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
};

/** The median of `run`'s own time when each call follows `workUs` of this thread's work (the work is not timed). */
async function afterWork(run: () => Promise<unknown>, workUs: number, times = 1000): Promise<number> {
  for (let i = 0; i < 100; i++) await run();
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    busyFor(workUs);
    const start = performance.now();
    await run();
    took.push((performance.now() - start) * 1000);
  }
  return took.sort((a, b) => a - b)[times >> 1] ?? NaN;
}

/** The same on MariaDB, through mysql2: the one statement as the framework sends it (`query`, through knex) and prepared (`execute`), against the raw driver's three. */
async function mysqlShapes(url: string): Promise<string> {
  const database = await mariaDbDatabase(url);
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-shapes-'));
  const foundation = await createCommerceFoundation({ root, database: database.config });
  const pool = createPool({ uri: database.driver.kind === 'mysql' ? database.driver.url : url, connectionLimit: 1 });
  try {
    await seedNeighbour(foundation);
    const users: string[] = [];
    for (let i = 0; i < 300; i++) users.push(await seedUser(foundation));
    const email = users[0] ?? '';
    const { sql, bindings } = await coldStatement(foundation, email);
    const values = bindings as string[];
    const rows = async (text: string, bound: string[]) => (await pool.execute<RowDataPacket[]>(text, bound))[0];
    const median = async (run: () => Promise<unknown>) => [await asyncMicroseconds(run), await asyncMicroseconds(run), await asyncMicroseconds(run)].sort((a, b) => a - b)[1] ?? NaN;
    const queried = await median(() => pool.query(sql, values));
    const executed = await median(() => rows(sql, values));
    const three = await median(async () => {
      const [user] = await rows('SELECT * FROM user_object WHERE email_address = ?', [email]);
      const id = String(user?.['user_id']);
      await rows('SELECT a.* FROM user_object_address_list l JOIN address a ON a.address_id = l.item_key WHERE l.owner_key = ? ORDER BY l.position', [id]);
      await rows('SELECT c.* FROM user_object_credit_card_list l JOIN credit_card c ON c.id = l.item_key WHERE l.owner_key = ? ORDER BY l.position', [id]);
    });
    const ping = await median(() => pool.query('SELECT 1'));
    // What a statement costs when the client worked before sending it: the server's thread has been idle meanwhile.
    const idle = 150;
    const pingAfter = await afterWork(() => pool.query('SELECT 1'), idle);
    const executedAfter = await afterWork(() => rows(sql, values), idle);
    return [
      `## shapes: the cold Query's SQL on MariaDB, without the framework (mysql2 over loopback TCP, one connection)`,
      '',
      '| what | µs |',
      '| --- | --- |',
      `| the one JSON statement (JSON_ARRAY of every column and of three JSON_ARRAYAGG lists), sent with \`query\` as the framework sends it | ${queried.toFixed(1)} |`,
      `| the same statement, prepared (\`execute\`) | ${executed.toFixed(1)} |`,
      `| the three plain statements of the raw driver, prepared (\`execute\`) | ${three.toFixed(1)} |`,
      `| a round trip (\`SELECT 1\`) | ${ping.toFixed(1)} |`,
      `| a round trip, sent after ${idle} µs of the client's own work (the server idle meanwhile; the work not timed) | ${pingAfter.toFixed(1)} |`,
      `| the one JSON statement, prepared, sent after ${idle} µs of the client's own work | ${executedAfter.toFixed(1)} |`,
      '',
    ].join('\n');
  } finally {
    await pool.end();
    await foundation.close();
    await database.drop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** What better-sqlite3's connection offers that coldQueryApart wraps (see sqliteKnex's prepared-statement cache). */
interface PreparingConnection {
  prepare(sql: string): { all(values: readonly unknown[]): unknown[] };
}

/**
 * The SQLite cold Query taken apart by taking its parts away, beside the raw driver's and Drizzle's reads of the same
 * user on the same file: each mode in turn, one operation at a time, every cold one after refreshProfileCache()
 * outside the clock; the median of each round, then of the rounds. To take the statement away, its rows are kept per
 * SQL text and values on their first run and handed back without SQLite (the pool's connection is wrapped; the rows
 * are only read after); to take the cache's intake away, putLoaded puts nothing. No profiler, no change to src/.
 */
async function coldQueryApart(foundation: CommerceFoundation, filename: string, users: readonly string[], rounds: number): Promise<string> {
  const client = foundation.knex.client as { acquireConnection(): Promise<PreparingConnection>; releaseConnection(c: PreparingConnection): Promise<unknown> };
  const connection = await client.acquireConnection();
  await client.releaseConnection(connection);
  const prepare = connection.prepare.bind(connection);
  // By the statement's text (the same string each time: its hash is kept), then by its values: a key joined from the
  // long text would be copied and hashed anew on every run, which is not the cost of any part of the Query.
  const kept = new Map<string, Map<string, unknown[]>>();
  let keepRows = false;
  connection.prepare = (sql) => {
    const statement = prepare(sql);
    if (!keepRows || !sql.startsWith('SELECT')) return statement;
    return {
      all(values) {
        let ofText = kept.get(sql);
        if (!ofText) kept.set(sql, (ofText = new Map<string, unknown[]>()));
        const key = values.join('\u0001');
        let rows = ofText.get(key);
        if (!rows) ofText.set(key, (rows = statement.all(values)));
        return rows;
      },
    };
  };
  const { cache } = foundation.profilesSystem;
  const keepOut = (on: boolean) => {
    if (on) Object.assign(cache, { putLoaded: () => false });
    else Reflect.deleteProperty(cache, 'putLoaded');
  };
  const raw = rawSqlitePeer(filename);
  const drizzle = drizzleSqlitePeer(filename);
  const refresh = () => foundation.profileManagement.refreshProfileCache();
  const query = (email: string) => foundation.processRequest(queryOf(email));
  type Mode = { readonly name: string; readonly rows?: boolean; readonly noIntake?: boolean; readonly before: (email: string) => Promise<unknown>; readonly run: (email: string) => Promise<unknown> };
  const modes: Mode[] = [
    { name: 'all of it', before: refresh, run: query },
    { name: 'the statement answered from memory', rows: true, before: refresh, run: query },
    { name: 'no intake at commit', noIntake: true, before: refresh, run: query },
    { name: 'neither', rows: true, noIntake: true, before: refresh, run: query },
    { name: 'the warm Query (no statement, no records, no intake)', before: async (email) => { await refresh(); await query(email); }, run: query },
    { name: "the raw driver's read", before: refresh, run: (email) => raw.query(email) },
    { name: "Drizzle's read", before: refresh, run: (email) => drizzle.query(email) },
  ];
  const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
  const perRound = 2000;
  const medians = modes.map((): number[] => []);
  let next = 0;
  try {
    // The first round warms up and is not counted.
    for (let round = -1; round < rounds; round++) {
      const took = modes.map((): number[] => []);
      for (let i = 0; i < perRound; i++) {
        for (let k = 0; k < modes.length; k++) {
          const at = (k + i + round + 1) % modes.length;
          const mode = modes[at] as Mode;
          const email = users[(next = (next + 1) % users.length)] ?? '';
          await mode.before(email);
          keepRows = mode.rows === true;
          keepOut(mode.noIntake === true);
          const start = performance.now();
          await mode.run(email);
          took[at]?.push((performance.now() - start) * 1000);
          keepRows = false;
          keepOut(false);
        }
      }
      if (round >= 0) took.forEach((times, at) => medians[at]?.push(median(times)));
    }
  } finally {
    connection.prepare = prepare;
    await raw.close();
    await drizzle.close();
  }
  const us = (at: number) => median(medians[at] ?? []);
  const [all, noStatement, noIntake, neither, warm, , drizzleRead] = modes.map((_, at) => us(at));
  const f = (value: number | undefined) => (value ?? NaN).toFixed(1);
  return [
    `## apart: the SQLite cold Query taken apart (${rounds} rounds of ${perRound} operations a mode, one operation of each mode in turn)`,
    '',
    '| what the cold Query did | µs (median of the rounds) | the rounds\' medians |',
    '| --- | --- | --- |',
    ...modes.map((mode, at) => `| ${mode.name} | ${f(us(at))} | ${f(Math.min(...(medians[at] ?? [])))}–${f(Math.max(...(medians[at] ?? [])))} |`),
    '',
    `In place: the statement ${f((all ?? NaN) - (noStatement ?? NaN))} µs, the cache's intake ${f((all ?? NaN) - (noIntake ?? NaN))}, the rows made into records and the transaction's view of them ${f((neither ?? NaN) - (warm ?? NaN))} (neither, less the warm Query); the warm path and the statement together ${f((warm ?? NaN) + (all ?? NaN) - (noStatement ?? NaN))} against Drizzle's ${f(drizzleRead)}.`,
    '',
  ].join('\n');
}

/** The loop of one operation: what runs under the profiler, and what prepares each run outside of it. */
async function loopOf(op: Op, foundation: CommerceFoundation, users: readonly string[]): Promise<{ run: () => Promise<unknown>; count: () => number; between?: () => Promise<unknown> }> {
  let n = 0;
  const next = () => users[n++ % users.length] ?? '';
  switch (op) {
    case 'warm':
      for (const email of users) await foundation.processRequest(queryOf(email));
      return { run: () => foundation.processRequest(queryOf(next())), count: () => n };
    case 'cold':
      // Emptying the cache (ProfileCache.clear) runs between operations: the summary counts it apart.
      return { run: () => foundation.processRequest(queryOf(next())), count: () => n, between: () => foundation.profileManagement.refreshProfileCache() };
    case 'create': {
      let created = 0;
      return { run: () => foundation.processRequest(createOf(newUserInput(`p${++created}`))), count: () => created };
    }
    case 'shapes':
    case 'apart':
      return { run: () => Promise.resolve(), count: () => n };
    case 'delete': {
      let deleted = 0;
      const seeded: string[] = [];
      for (let i = 0; i < 3000; i++) seeded.push(await seedUser(foundation));
      return {
        run: () => {
          const email = seeded[deleted++];
          if (!email) throw new Error('seed more users for --seconds this long');
          return foundation.processRequest(deleteOf(email));
        },
        count: () => deleted,
      };
    }
  }
}

const root = mkdtempSync(join(tmpdir(), 'cf-bench-profile-'));
mkdirSync(out, { recursive: true });
const session = new Session();
session.connect();
try {
  for (const op of ops) {
    const foundation = await createCommerceFoundation({ root: join(root, op), database: { client: 'sqlite', filename: join(root, op, 'profile.sqlite') }, encryptionKey: benchEncryptionKey });
    try {
      await seedNeighbour(foundation);
      const users: string[] = [];
      for (let i = 0; i < 300; i++) users.push(await seedUser(foundation));
      if (op === 'shapes') {
        process.stdout.write(`${await shapes(foundation, join(root, op, 'profile.sqlite'), users[0] ?? '')}\n`);
        continue;
      }
      if (op === 'apart') {
        process.stdout.write(`${await coldQueryApart(foundation, join(root, op, 'profile.sqlite'), users, Number(option('rounds') ?? '20'))}\n`);
        continue;
      }
      const loop = await loopOf(op, foundation, users);
      // Warm up (JIT), then measure: time spent in the operation only, `between` outside the clock.
      const warmUntil = Date.now() + 1000;
      while (Date.now() < warmUntil && (op !== 'delete' || loop.count() < 500)) {
        await loop.between?.();
        await loop.run();
      }
      const first = loop.count();
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      let inOperation = 0n;
      const until = Date.now() + seconds * 1000;
      while (Date.now() < until) {
        await loop.between?.();
        const start = process.hrtime.bigint();
        await loop.run();
        inOperation += process.hrtime.bigint() - start;
      }
      const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
      const runs = loop.count() - first;
      const file = join(out, `${op}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      const perOpUs = Number(inOperation) / runs / 1000;
      const { samples, byStep, bySelf, byTotal } = summarize(profile);
      const top = (counts: Map<string, number>, count: number) =>
        [...counts.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, count)
          .map(([where, n]) => `- ${((100 * n) / samples).toFixed(1)} % (${((perOpUs * n) / samples).toFixed(1)} µs) ${where}`);
      const lines = [
        `## ${op}: ${runs} operations, ${perOpUs.toFixed(1)} µs each (timed around processRequest), ${samples} samples; ${file.replace(`${packageRoot}/`, '')}`,
        '',
        '| step | share | µs per operation |',
        '| --- | --- | --- |',
        ...[...byStep.entries()].sort((a, b) => b[1] - a[1]).map(([step, count]) => `| ${step} | ${((100 * count) / samples).toFixed(1)} % | ${((perOpUs * count) / samples).toFixed(1)} |`),
        '',
        'Top functions by self time:',
        '',
        ...top(bySelf, 20),
        '',
        "Top functions by total time (the framework's and native ones: the share of samples with the function on the stack):",
        '',
        ...top(byTotal, 30),
        '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await foundation.close();
    }
  }
  const mysqlUrl = process.env['COMMERCE_TEST_MYSQL_URL'];
  if (ops.includes('shapes') && mysqlUrl) process.stdout.write(`${await mysqlShapes(mysqlUrl)}\n`);
} finally {
  session.disconnect();
  rmSync(root, { recursive: true, force: true });
}
