import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseConfig } from '../../src/config/databaseConfigSchema.js';

export interface BenchDatabase {
  readonly label: 'SQLite' | 'MariaDB';
  readonly config: DatabaseConfig;
  readonly version: string;
  /** Where the peers of section 2 connect with their own drivers. */
  readonly driver: { readonly kind: 'sqlite'; readonly filename: string } | { readonly kind: 'mysql'; readonly url: string };
  drop(): Promise<void>;
}

interface Version {
  v: string;
}

export async function sqliteDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-'));
  const probe = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  const [row] = (await probe.raw('select sqlite_version() as v')) as [Version];
  await probe.destroy();
  const filename = join(dir, 'bench.sqlite');
  return {
    label: 'SQLite',
    config: { client: 'sqlite', filename },
    driver: { kind: 'sqlite', filename },
    version: `SQLite ${row.v} (better-sqlite3, WAL)`,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function mariaDbDatabase(url: string): Promise<BenchDatabase> {
  const admin = knexFactory({ client: 'mysql2', connection: { uri: url }, pool: { min: 0, max: 1 } } as Knex.Config);
  const name = `cf_bench_${Date.now().toString(36)}`;
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const [[row]] = (await admin.raw('select version() as v')) as [[Version], unknown];
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    label: 'MariaDB',
    config: { client: 'mysql', connection: target.toString() },
    driver: { kind: 'mysql', url: target.toString() },
    version: `MariaDB ${row.v} (mysql2, loopback TCP)`,
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.destroy();
    },
  };
}
