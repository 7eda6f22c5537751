import knexFactory, { type Knex } from 'knex';

/** Drops test databases that a crashed run left behind over an hour ago (what a run skips, skippedReporter.js says). */
export default async function globalSetup(): Promise<void> {
  const url = process.env['COMMERCE_TEST_MYSQL_URL'];
  if (!url) return;
  const admin = knexFactory({ client: 'mysql2', connection: { uri: url }, pool: { min: 0, max: 1 } } as Knex.Config);
  try {
    const [rows] = (await admin.raw("SHOW DATABASES LIKE 'cft\\_%'")) as [Record<string, string>[], unknown];
    const hourAgo = Date.now() - 3_600_000;
    for (const row of rows) {
      const name = Object.values(row)[0] ?? '';
      const created = parseInt(name.split('_')[2] ?? '', 36);
      if (created < hourAgo) await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await admin.destroy();
  }
}
