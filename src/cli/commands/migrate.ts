import { createCommerceFoundation, databaseLabel } from '../../index.js';
import { cliLogger } from '../cliLogger.js';
import { exitCodes, type CliIO } from '../CliIO.js';

/** `commerce migrate`: creates the missing tables and columns in the configured database. */
export async function migrateCommand(root: string, io: CliIO): Promise<number> {
  const foundation = await createCommerceFoundation({ root, logger: cliLogger() });
  try {
    const created = foundation.migration?.created ?? [];
    const where = databaseLabel(foundation.database.config);
    io.out(created.length ? `created in ${where}:\n${created.map((c) => `  ${c}`).join('\n')}` : `the tables in ${where} are up to date`);
    return exitCodes.ok;
  } finally {
    await foundation.close();
  }
}
