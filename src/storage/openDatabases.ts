import type { Knex } from 'knex';
import { redactUrl } from '../config/redactUrl.js';
import { ConfigurationError } from '../errors/ConfigurationError.js';
import type { Logger } from '../logging/Logger.js';
import { firstLine } from '../util/firstLine.js';
import { createPartitions, type Partitions } from './Partitions.js';
import type { DatabaseChoice } from './resolveDatabaseConfig.js';
import { flatMap } from '../util/flatMap.js';

type Connection = string | { filename?: unknown; uri?: unknown; host?: unknown; port?: unknown; database?: unknown };

/** Where a database is, fit for a message: its file, or its URL without user and password. */
function whereIs(connection: Connection): string {
  if (typeof connection === 'string') return redactUrl(connection);
  if (typeof connection.filename === 'string') return connection.filename;
  if (typeof connection.uri === 'string') return redactUrl(connection.uri);
  const { host = 'localhost', port, database = '' } = connection;
  const shownPort = port && (typeof port === 'number' || typeof port === 'string') ? `:${port}` : '';
  return `mysql://${String(host)}${shownPort}/${String(database)}`;
}

const connectionOf = (knex: Knex): Connection => (knex.client as { config: { connection: Connection } }).config.connection;

function unreachable(choice: DatabaseChoice, failures: readonly { where: string; error: unknown }[]): ConfigurationError {
  const problems = failures.map(({ where, error }) => ({
    file: choice.source,
    path: 'database',
    message: `the database at ${where} cannot be reached: ${firstLine(String((error as { message?: unknown } | undefined)?.message ?? error))}`,
  }));
  return new ConfigurationError(problems, { cause: failures[0]?.error });
}

/**
 * Opens the chosen database and its partitions; with `reach`, sends each one statement, so that a database that
 * cannot be reached, or refuses the credentials, stops start-up with a ConfigurationError (the driver's error as
 * its cause) rather than failing the first request.
 */
export async function openDatabases(choice: DatabaseChoice, logger: Logger, reach: boolean): Promise<Partitions> {
  let partitions: Partitions;
  try {
    partitions = createPartitions(choice.config, logger);
  } catch (error) {
    throw unreachable(choice, [{ where: whereIs(choice.config.client === 'sqlite' ? choice.config : choice.config.connection), error }]);
  }
  if (!reach) return partitions;
  const databases = partitions.databases();
  const probes = await Promise.allSettled(databases.map((knex) => knex.raw('SELECT 1')));
  const failures = flatMap(probes, (probe, i) => {
    const knex = databases[i];
    return probe.status === 'rejected' && knex ? [{ where: whereIs(connectionOf(knex)), error: probe.reason as unknown }] : [];
  });
  if (failures.length === 0) return partitions;
  await partitions.destroy().catch(() => undefined);
  throw unreachable(choice, failures);
}
