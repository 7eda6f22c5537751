import type { ResolvedDatabaseConfig } from '../config/databaseConfigSchema.js';

/** `mysql://…` (or `mariadb://…`), `sqlite:<path>` or `sqlite::memory:`. */
export function parseDatabaseUrl(url: string): ResolvedDatabaseConfig | undefined {
  if (/^(mysql|mariadb):\/\//.test(url)) return { client: 'mysql', connection: url.replace(/^mariadb:/, 'mysql:') };
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) {
    return { client: 'sqlite', filename: url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') };
  }
  return undefined;
}
