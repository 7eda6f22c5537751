import type { Knex } from 'knex';
import { placeholders } from './sqlText.js';
import type { Dialect, Row } from './Dialect.js';

/** What the previous release gave key columns: binary, but PAD SPACE ('bob ' = 'bob'). */
const padBinary = 'utf8mb4_bin';
/** Binary and NO PAD, as keys compare in the cache: MariaDB's, then MySQL 8's. */
const noPadBinary = ['utf8mb4_nopad_bin', 'utf8mb4_0900_bin'];

/** The collation for key columns on this server; a server with no NO PAD binary collation (MySQL 5.7) keeps the old one. */
async function availableCollation(sql: Dialect, knex: Knex): Promise<string> {
  const rows = await sql.rows(knex, 'SHOW COLLATION WHERE Collation IN (?, ?)', noPadBinary);
  const available = new Set(rows.map((row) => row['Collation']));
  return noPadBinary.find((name) => available.has(name)) ?? padBinary;
}

interface ForeignKey {
  readonly table: string;
  readonly name: string;
  readonly column: string;
  readonly referencedTable: string;
  readonly referencedColumn: string;
  readonly onDelete: string;
}

async function foreignKeysOf(sql: Dialect, knex: Knex, tables: readonly string[]): Promise<ForeignKey[]> {
  const rows = await sql.rows(
    knex,
    `SELECT k.TABLE_NAME AS t, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS c, k.REFERENCED_TABLE_NAME AS rt, k.REFERENCED_COLUMN_NAME AS rc, r.DELETE_RULE AS rule
     FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r
       ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
     WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME IN (${placeholders(tables.length)})`,
    tables,
  );
  return rows.map((row: Row) => ({
    table: String(row['t']),
    name: String(row['name']),
    column: String(row['c']),
    referencedTable: String(row['rt']),
    referencedColumn: String(row['rc']),
    onDelete: String(row['rule']),
  }));
}

/**
 * Moves the key columns of `tables` that the previous release made PAD SPACE to `collation`. MariaDB refuses to
 * change a column in a foreign key, even with foreign_key_checks off: such keys are dropped first and added back
 * once both of their columns have changed.
 */
async function alignKeyCollations(sql: Dialect, knex: Knex, tables: readonly string[], collation: string): Promise<void> {
  if (collation === padBinary || tables.length === 0) return;
  const { id } = sql;
  const stale = await sql.rows(
    knex,
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, IS_NULLABLE AS nullable FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME = ? AND TABLE_NAME IN (${placeholders(tables.length)})`,
    [padBinary, ...tables],
  );
  if (stale.length === 0) return;
  const isStale = (table: string, column: string) => stale.some((row) => row['t'] === table && row['c'] === column);
  const keys = (await foreignKeysOf(sql, knex, tables)).filter((k) => isStale(k.table, k.column) || isStale(k.referencedTable, k.referencedColumn));
  for (const key of keys) await knex.raw(`ALTER TABLE ${id(key.table)} DROP FOREIGN KEY ${id(key.name)}`);
  for (const table of new Set(stale.map((row) => String(row['t'])))) {
    const columns = stale.filter((row) => row['t'] === table);
    const modify = columns.map(
      (row) => `MODIFY ${id(String(row['c']))} ${String(row['type'])} CHARACTER SET utf8mb4 COLLATE ${collation} ${row['nullable'] === 'YES' ? 'NULL' : 'NOT NULL'}`,
    );
    await knex.raw(`ALTER TABLE ${id(table)} ${modify.join(', ')}`);
  }
  for (const key of keys) {
    const references = `${id(key.referencedTable)} (${id(key.referencedColumn)}) ON DELETE ${key.onDelete}`;
    await knex.raw(`ALTER TABLE ${id(key.table)} ADD CONSTRAINT ${id(key.name)} FOREIGN KEY (${id(key.column)}) REFERENCES ${references}`);
  }
}

/**
 * The collation of key columns on this server, once the key columns of `tables` are in it. Run before anything is
 * created: a new link table's foreign keys need key columns of one collation on both sides.
 */
export async function keyCollationOf(sql: Dialect, knex: Knex, tables: readonly string[]): Promise<string> {
  const collation = await availableCollation(sql, knex);
  await alignKeyCollations(sql, knex, tables, collation);
  return collation;
}
