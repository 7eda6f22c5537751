import type { ResolvedDatabaseConfig } from '../config/databaseConfigSchema.js';
import { redactUrl } from '../config/redactUrl.js';

/** A database as the CLI names it: `SQLite at /app/data/commerce.sqlite`, `MySQL/MariaDB at mysql://db:3306/shop`. */
export function databaseLabel(config: ResolvedDatabaseConfig): string {
  if (config.client === 'sqlite') return config.filename === ':memory:' ? 'SQLite in memory' : `SQLite at ${config.filename}`;
  const { connection, partitions } = config;
  const where = typeof connection === 'string' ? redactUrl(connection) : `${connection.host ?? 'localhost'}/${connection.database ?? ''}`;
  return `MySQL/MariaDB at ${where}${partitions ? `, partitions ${partitions.map((p) => p.name).join(', ')}` : ''}`;
}
