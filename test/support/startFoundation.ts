import type { Knex } from 'knex';
import { createCommerceFoundation, type CommerceFoundation, type CommerceFoundationOptions } from '../../src/index.js';
import type { DatabaseConfig } from '../../src/config/databaseConfigSchema.js';
import { silentLogger } from '../../src/logging/Logger.js';
import type { DatabaseTarget } from './databases.js';
import { tempApp, type TempApp } from './tempApp.js';

/** The SQL a knex sends, statement by statement. */
export interface SqlLog {
  readonly statements: string[];
  count(): number;
  reset(): void;
}

export function recordSql(knex: Knex): SqlLog {
  const statements: string[] = [];
  knex.on('query', (q: { sql: string }) => statements.push(q.sql));
  return { statements, count: () => statements.length, reset: () => void (statements.length = 0) };
}

export interface Started {
  readonly foundation: CommerceFoundation;
  readonly app: TempApp;
  readonly database: DatabaseConfig;
  readonly sql: SqlLog;
  readonly stop: () => Promise<void>;
}

const running = new Set<Started>();

/** Stops every foundation a test started and has not stopped, so that a failing test leaves no open pool behind. */
export async function stopStartedFoundations(): Promise<void> {
  for (const started of [...running]) await started.stop();
}

/** A foundation over a new database (or `database`), rooted in a temp app holding `files`; stopped after each test. */
export async function startFoundation(
  target: DatabaseTarget,
  options: { files?: Record<string, unknown>; database?: DatabaseConfig; app?: TempApp } & Omit<CommerceFoundationOptions, 'root' | 'database'> = {},
): Promise<Started> {
  const { files, database: given, app: givenApp, ...rest } = options;
  const app = givenApp ?? tempApp(files ?? {});
  const database = given ?? (await target.create());
  // Quiet unless the test gives a logger: the default one would print its info lines (denials, timeouts) amid the test output.
  const foundation = await createCommerceFoundation({ root: app.root, database, logger: silentLogger, ...rest });
  const sql = recordSql(foundation.knex);
  const started: Started = {
    foundation,
    app,
    database,
    sql,
    async stop() {
      running.delete(started);
      await foundation.close();
      if (!givenApp) app.remove();
    },
  };
  running.add(started);
  return started;
}
