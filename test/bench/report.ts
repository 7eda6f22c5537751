import type { Comparison } from './measure.js';
import type { NamedComparison } from './userProfileOps.js';
import type { LookupRate } from './cacheLookups.js';
import type { ScalingRow } from './scaling.js';
import { searchUsers, type SearchResults } from './search.js';

export interface BenchResults {
  readonly date: string;
  readonly machine: string;
  readonly method: string;
  readonly databases: readonly string[];
  readonly dispatch: Comparison;
  readonly operations: readonly { database: string; targetRatio: number; rows: readonly NamedComparison[] }[];
  readonly cache: readonly LookupRate[];
  readonly scaling: readonly { database: string; rows: readonly ScalingRow[] }[];
  readonly memory: { profiles: number; bytesPerProfile: number };
  readonly dataModel: readonly { database: string; rows: readonly NamedComparison[] }[];
  readonly search: readonly { database: string; results: SearchResults }[];
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The figures as Markdown: what `npm run bench` prints and writes to BENCHMARKS.md. */
export function renderReport(r: BenchResults, notes: string): string {
  const dispatchUs = r.dispatch.frameworkMs * 1000;
  const sections = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${r.date}, on ${r.machine}; ${r.databases.join('; ')}.`,
    '',
    r.method,
    '',
    '## 1. Dispatch',
    '',
    table(
      ['', 'µs per operation'],
      [
        ['`processRequest`: a sequence of 8 no-op components (non-transactional)', fixed(dispatchUs)],
        ['the same 8 components called directly', fixed(r.dispatch.baselineMs * 1000, 3)],
        ['ratio', `${fixed(r.dispatch.ratio, 0)}×`],
      ],
    ),
    '',
    `Target: under 5 µs per operation for 8 components — ${verdict(dispatchUs < 5)} (${fixed(dispatchUs)} µs).`,
    '',
    '## 2. UserProfile operations against hand-written knex code',
    '',
    ...r.operations.flatMap(({ database, targetRatio, rows }) => [
      `### ${database}`,
      '',
      table(
        ['operation', 'framework ops/s', 'hand-written ops/s', 'ratio (time, framework ÷ hand-written)', `target ≤ ${targetRatio}×`],
        rows.map((row) => [row.name, thousands(1000 / row.frameworkMs), thousands(1000 / row.baselineMs), `${fixed(row.ratio)}×`, verdict(row.ratio <= targetRatio)]),
      ),
      '',
    ]),
    '## 3. Cache lookups',
    '',
    table(['lookup of a cached profile', 'lookups per second'], r.cache.map((row) => [row.name, thousands(row.perSecond)])),
    '',
    `Target: above 1,000,000 per second for warm-cache lookups — ${verdict(r.cache.slice(0, 2).every((row) => row.perSecond > 1_000_000))} in the cache itself.`,
    '',
    '## 4. Scaling: Delete as a user\'s addresses grow',
    '',
    ...r.scaling.flatMap(({ database, rows }) => [
      `### ${database}`,
      '',
      table(['addresses', 'SQL statements per Delete (BEGIN and COMMIT included)', 'ms per Delete'], rows.map((row) => [String(row.addresses), String(row.statements), fixed(row.ms)])),
      '',
      `Statement counts flat — ${verdict(new Set(rows.map((row) => row.statements)).size === 1)}.`,
      '',
    ]),
    '## 5. Memory',
    '',
    table(['cached profiles', 'heap per cached profile'], [[thousands(r.memory.profiles), `${thousands(r.memory.bytesPerProfile)} bytes`]]),
    '',
    '## 6. A model declared in data against UserProfile',
    '',
    'Member is declared in data alone (a module of the bench: a definition, a model, two sequences on the generic components), shaped as UserProfile is, on the same data.',
    '',
    ...r.dataModel.flatMap(({ database, rows }) => [
      `### ${database}`,
      '',
      table(
        ['operation', 'Member ops/s', 'UserProfile ops/s', 'ratio (time, Member ÷ UserProfile)', 'target ≤ 1.1×'],
        rows.map((row) => [row.name, thousands(1000 / row.frameworkMs), thousands(1000 / row.baselineMs), `${fixed(row.ratio)}×`, verdict(row.ratio <= 1.1)]),
      ),
      '',
    ]),
    searchSection(r.search),
    notes.trim(),
    '',
  ];
  return sections.join('\n');
}

/** Section 7, also printed alone by `npm run bench -- --only search`. */
export function searchSection(search: BenchResults['search']): string {
  return [
    '## 7. Search: a page sorted by lastName, with the total',
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
