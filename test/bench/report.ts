import type { DispatchComparison } from './dispatch.js';
import type { Comparison } from './measure.js';
import type { NamedComparison, OperationKey, OperationRow, SideName } from './userProfileOps.js';
import type { LookupRate } from './cacheLookups.js';
import type { ScalingRow } from './scaling.js';
import { searchUsers, type SearchResults } from './search.js';

export interface BenchResults {
  readonly date: string;
  readonly machine: string;
  readonly method: string;
  readonly databases: readonly string[];
  /** Each section is absent when `--only` left it out. */
  readonly dispatch?: DispatchComparison;
  /** processRequest with OpenTelemetry spans (framework) against without (baseline): measured last (see spansBench). */
  readonly spans?: Comparison;
  readonly operations?: readonly { database: 'SQLite' | 'MariaDB'; rows: readonly OperationRow[] }[];
  readonly cache?: readonly LookupRate[];
  readonly scaling?: readonly { database: string; rows: readonly ScalingRow[] }[];
  readonly memory?: { profiles: number; bytesPerProfile: number };
  readonly dataModel?: readonly { database: string; rows: readonly NamedComparison[] }[];
  readonly search?: readonly { database: string; results: SearchResults }[];
}

type Peer = Exclude<SideName, 'framework'>;

/** Issue 13's targets (framework ÷ peer, time), and issue 10's against hand-written knex. */
const targets: Record<'SQLite' | 'MariaDB', Record<Peer, Record<OperationKey, number>>> = {
  SQLite: {
    'raw driver': { create: 1.5, cold: 1.5, warm: 0.5, delete: 1.5 },
    Drizzle: { create: 1, cold: 1, warm: 1, delete: 1 },
    'hand-written knex': { create: 1.25, cold: 1.25, warm: 1.25, delete: 1.25 },
  },
  MariaDB: {
    'raw driver': { create: 1.25, cold: 1.1, warm: 0.1, delete: 1.25 },
    Drizzle: { create: 1, cold: 1, warm: 1, delete: 1 },
    'hand-written knex': { create: 1.1, cold: 1.1, warm: 1.1, delete: 1.1 },
  },
};
const peers: readonly Peer[] = ['raw driver', 'Drizzle', 'hand-written knex'];

const fixed = (n: number, digits = 2) => n.toFixed(digits);
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (met: boolean) => (met ? 'met' : '**missed**');
const mark = (met: boolean) => (met ? 'pass' : '**FAIL**');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The figures as Markdown: what `npm run bench` prints and writes to BENCHMARKS.md. */
export function renderReport(r: BenchResults, notes: string): string {
  const sections = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${r.date}, on ${r.machine}; ${r.databases.join('; ')}.`,
    '',
    r.method,
    '',
    ...(r.dispatch ? dispatchSection(r.dispatch, r.spans) : []),
    ...(r.operations ? operationsSection(r.operations) : []),
    ...(r.cache ? cacheSection(r.cache) : []),
    ...(r.scaling ? scalingSection(r.scaling) : []),
    ...(r.memory
      ? [
          '## 5. Memory',
          '',
          table(['cached profiles', 'heap per cached profile'], [[thousands(r.memory.profiles), `${thousands(r.memory.bytesPerProfile)} bytes`]]),
          '',
          `Target: at most 1 KB (1,024 bytes) per cached profile — ${verdict(r.memory.bytesPerProfile <= 1024)}.`,
          '',
        ]
      : []),
    ...(r.dataModel ? dataModelSection(r.dataModel) : []),
    ...(r.search ? [searchSection(r.search)] : []),
    notes.trim(),
    '',
  ];
  return sections.join('\n');
}

function dispatchSection(dispatch: DispatchComparison, spans: Comparison | undefined): string[] {
  const dispatchUs = dispatch.frameworkMs * 1000;
  return [
    '## 1. Dispatch',
    '',
    table(
      ['', 'µs per operation'],
      [
        ['`processRequest`: a sequence of 8 no-op components (non-transactional)', fixed(dispatchUs)],
        ['the same under `requestContext.channel`: one of 8 declared channels, each sequence patched', fixed(dispatch.channelMs * 1000)],
        ['the same 8 components called directly', fixed(dispatch.baselineMs * 1000, 3)],
        ['ratio', `${fixed(dispatch.ratio, 0)}×`],
      ],
    ),
    '',
    `Target: at most 1 µs per operation for 8 components — ${verdict(dispatchUs <= 1)} (${fixed(dispatchUs)} µs).`,
    '',
    ...(spans
      ? [
          'OpenTelemetry, measured apart in alternating rounds, at the end of the run (once its context manager has run a span, Node keeps promise hooks for the rest of the process, which would slow every section after it): the same dispatch on a foundation started once a tracer provider is registered (the SDK\'s `BasicTracerProvider` with an `AsyncLocalStorageContextManager`, recording every span and exporting none: 10 spans per operation), against one started with `@opentelemetry/api` installed and no provider registered, which start-up treats as the package not being installed.',
          '',
          table(
            ['', 'µs per operation'],
            [
              ['`processRequest`, spans off (no tracer provider)', fixed(spans.baselineMs * 1000)],
              ['`processRequest`, spans on', fixed(spans.frameworkMs * 1000)],
            ],
          ),
          '',
        ]
      : []),
  ];
}

function operationsSection(operations: NonNullable<BenchResults['operations']>): string[] {
  return [
    '## 2. UserProfile operations against the raw driver, Drizzle ORM and hand-written knex',
    '',
    'The same logical work on the same tables of one database (how each side does it: “How the four sides of section 2 do the same work”, below), the four sides in interleaved rounds. Ratios are framework ÷ peer, in time: below 1 the framework is faster.',
    '',
    ...operations.flatMap(({ database, rows }) => [
      `### ${database}`,
      '',
      table(
        ['operation', ...sidesHeader],
        rows.map((row) => [row.name, ...(['framework', ...peers] as const).map((side) => fixed(row.ms[side] * 1000, 1))]),
      ),
      '',
      table(
        ['operation', ...peers.flatMap((peer) => [`framework ÷ ${peer}`, 'target'])],
        rows.map((row) => [
          row.name,
          ...peers.flatMap((peer) => {
            const ratio = row.ms.framework / row.ms[peer];
            const target = targets[database][peer][row.key];
            return [`${fixed(ratio)}×`, `≤ ${fixed(target, 2)}× ${mark(ratio <= target)}`];
          }),
        ]),
      ),
      '',
    ]),
  ];
}

const sidesHeader = ['framework µs', 'raw driver µs', 'Drizzle µs', 'hand-written knex µs'];

function cacheSection(cache: readonly LookupRate[]): string[] {
  return [
    '## 3. Cache lookups',
    '',
    table(['lookup of a cached profile', 'lookups per second'], cache.map((row) => [row.name, thousands(row.perSecond)])),
    '',
    `Target: at least 3,000,000 per second by primary key in the cache — ${verdict((cache[0]?.perSecond ?? 0) >= 3_000_000)}.`,
    '',
  ];
}

function scalingSection(scaling: NonNullable<BenchResults['scaling']>): string[] {
  return [
    "## 4. Scaling: Delete as a user's addresses grow",
    '',
    ...scaling.flatMap(({ database, rows }) => [
      `### ${database}`,
      '',
      table(['addresses', 'SQL statements per Delete (BEGIN and COMMIT included)', 'ms per Delete'], rows.map((row) => [String(row.addresses), String(row.statements), fixed(row.ms)])),
      '',
      `Statement counts flat — ${verdict(new Set(rows.map((row) => row.statements)).size === 1)}.`,
      '',
    ]),
  ];
}

function dataModelSection(dataModel: NonNullable<BenchResults['dataModel']>): string[] {
  return [
    '## 6. A model declared in data against UserProfile',
    '',
    'Member is declared in data alone (a module of the bench: a definition, a model, two sequences on the generic components), shaped as UserProfile is, on the same data. The two sides are alternated operation by operation (each operation timed alone, its setup untimed right before it) for as long as the rounds of the other sections last, and each figure is the median latency: a drift of the machine (a Delete\'s flush to disk slowing for some seconds) hits both alike, where rounds of seconds each could catch it on one side only.',
    '',
    ...dataModel.flatMap(({ database, rows }) => [
      `### ${database}`,
      '',
      table(
        ['operation', 'Member ops/s', 'UserProfile ops/s', 'ratio (time, Member ÷ UserProfile)', 'target ≤ 1.1×'],
        rows.map((row) => [row.name, thousands(1000 / row.frameworkMs), thousands(1000 / row.baselineMs), `${fixed(row.ratio)}×`, verdict(row.ratio <= 1.1)]),
      ),
      '',
    ]),
  ];
}

/** Section 8, also printed alone by `npm run bench -- --only search`. */
export function searchSection(search: NonNullable<BenchResults['search']>): string {
  return [
    '## 8. Search: a page sorted by lastName, with the total',
    '',
    `A CommerceQuery of UserProfile over ${thousands(searchUsers)} users: \`sortProperties\` lastName, 50 items from the 5,000th, \`returnTotalItemCount\` — beside the same two statements written with knex's query builder and sent through the raw driver (better-sqlite3's prepared statements; one mysql2 connection), each answering the page as entities and the total. Then the same without the index on last_name.`,
    '',
    ...search.flatMap(({ database, results }) => [
      `### ${database}`,
      '',
      `Seeding ${thousands(searchUsers)} users through \`saveProfiles\` (5,000 a statement): ${fixed(results.seedSeconds, 1)} s.`,
      '',
      table(
        ['query', 'framework ms', 'knex ms', 'raw driver ms', 'ratio (framework ÷ raw)', 'target ≤ 1.2×'],
        results.rows.map((row) => [row.name, fixed(row.frameworkMs), fixed(row.knexMs), fixed(row.rawMs), `${fixed(row.frameworkMs / row.rawMs)}×`, verdict(row.frameworkMs / row.rawMs <= 1.2)]),
      ),
      '',
    ]),
  ].join('\n');
}
