import type { Knex } from 'knex';

function rowsOf(dialect: string, result: unknown): Record<string, unknown>[] {
  return (dialect === 'mysql' ? (result as unknown[])[0] : result) as Record<string, unknown>[];
}

const dialectOf = (knex: Knex) => ((knex.client as { config: Knex.Config }).config.client === 'mysql2' ? 'mysql' : 'sqlite');

/** Each index of a table: its columns in order, and whether it is unique. */
export async function indexesOf(knex: Knex, table: string): Promise<{ columns: string[]; unique: boolean }[]> {
  const dialect = dialectOf(knex);
  if (dialect === 'mysql') {
    const rows = rowsOf(dialect, await knex.raw('SHOW INDEX FROM ??', [table]));
    const byName = new Map<string, { columns: string[]; unique: boolean }>();
    for (const row of rows) {
      const entry = byName.get(String(row['Key_name'])) ?? { columns: [], unique: Number(row['Non_unique']) === 0 };
      entry.columns[Number(row['Seq_in_index']) - 1] = String(row['Column_name']);
      byName.set(String(row['Key_name']), entry);
    }
    return [...byName.values()];
  }
  const list = rowsOf(dialect, await knex.raw(`PRAGMA index_list("${table}")`));
  const out = [];
  for (const index of list) {
    const info = rowsOf(dialect, await knex.raw(`PRAGMA index_info("${String(index['name'])}")`));
    out.push({ columns: info.sort((a, b) => Number(a['seqno']) - Number(b['seqno'])).map((c) => String(c['name'])), unique: Number(index['unique']) === 1 });
  }
  return out;
}

/** Whether a column accepts NULL. */
export async function isNullable(knex: Knex, table: string, column: string): Promise<boolean> {
  const info = (await knex(table).columnInfo()) as unknown as Record<string, { nullable: boolean }>;
  const entry = info[column];
  if (!entry) throw new Error(`${table} has no column ${column}`);
  return entry.nullable;
}
