import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError, type ConfigurationProblem } from '../errors/ConfigurationError.js';
import type { Logger } from '../logging/Logger.js';
import { openDatabases } from './openDatabases.js';
import type { DatabaseChoice } from './resolveDatabaseConfig.js';

/** The nearest folder that exists on the way to `path`: where a new SQLite file's folders would be made. */
async function nearestExisting(path: string): Promise<string> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (await stat(dir).then(() => true, () => false)) return dir;
    if (dirname(dir) === dir) return dir;
  }
}

/**
 * Whether start-up could open the chosen databases, changing nothing: a MySQL/MariaDB server is sent one statement;
 * a SQLite file that exists is opened, and for one that does not, the folder it would be made in must be writable.
 * What start-up would report as unreachable comes back as problems.
 */
export async function probeDatabases(choice: DatabaseChoice, logger: Logger): Promise<ConfigurationProblem[]> {
  const { config } = choice;
  if (config.client === 'sqlite' && config.filename !== ':memory:' && !(await stat(config.filename).then(() => true, () => false))) {
    const folder = await nearestExisting(config.filename);
    const writable = await stat(folder).then(
      async (s) => s.isDirectory() && (await access(folder, constants.W_OK).then(() => true, () => false)),
      () => false,
    );
    if (writable) return [];
    return [{ file: choice.source, path: 'database', message: `the database at ${config.filename} cannot be reached: ${folder} is no folder it can be made in` }];
  }
  try {
    await (await openDatabases(choice, logger, true)).destroy();
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return [...error.problems];
    throw error;
  }
}
