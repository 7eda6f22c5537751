import 'reflect-metadata';
import { zodProblems } from '../config/readJsonFile.js';
import { ConfigurationError, type ConfigurationProblem } from '../errors/ConfigurationError.js';
import { migrateProfileTables, type MigrationReport } from '../profiles/schema/migrateProfileTables.js';
import { quietLogger } from '../logging/Logger.js';
import { connectFarm } from '../profiles/farm/connectFarm.js';
import { openDatabases } from '../storage/openDatabases.js';
import { createPartitions } from '../storage/Partitions.js';
import { assembleFoundation } from './assembleFoundation.js';
import { CommerceFoundation } from './CommerceFoundation.js';
import { foundationOptionsSchema, type CommerceFoundationOptions } from './foundationOptionsSchema.js';
import { readSetup } from './readSetup.js';

async function setupOf(input: CommerceFoundationOptions) {
  const parsed = foundationOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ConfigurationError(zodProblems('createCommerceFoundation options', parsed.error));
  return { options: parsed.data, setup: await readSetup(parsed.data) };
}

/**
 * Starts the framework: reads and validates every config file, sequence file and profile definition,
 * opens the database, creates missing tables and resolves each sequence's components once.
 */
export async function createCommerceFoundation(input: CommerceFoundationOptions = {}): Promise<CommerceFoundation> {
  const { options, setup } = await setupOf(input);
  const { database, definitions } = setup;
  if (!database || !definitions) throw new ConfigurationError(setup.problems);
  // The database and the farm are reached only for a sound configuration, so that every problem of the files is
  // reported at once
  const sound = setup.problems.length === 0;
  const logger = options.logger ?? quietLogger;
  const partitions = await openDatabases(database, logger, sound);
  let farm;
  try {
    farm = sound ? await connectFarm(setup.config.farm, logger) : undefined;
    const parts = await assembleFoundation(options, { ...setup, definitions }, partitions, farm);
    if (parts.problems.length) throw new ConfigurationError(parts.problems);
    const migration = options.migrate === false ? undefined : await migrateProfileTables(definitions, parts.profiles.placement);
    return new CommerceFoundation({ ...setup, ...parts, database, migration });
  } catch (error) {
    await farm?.bus.close();
    await partitions.destroy();
    throw error;
  }
}

/**
 * Every problem start-up would report, without opening the configured database: components are built against an
 * in-memory one. An empty list means the configuration is sound.
 */
export async function checkConfiguration(input: CommerceFoundationOptions = {}): Promise<ConfigurationProblem[]> {
  let checked;
  try {
    checked = await setupOf(input);
  } catch (error) {
    if (error instanceof ConfigurationError) return [...error.problems];
    throw error;
  }
  const { options, setup } = checked;
  if (!setup.database || !setup.definitions) return setup.problems;
  const partitions = createPartitions({ client: 'sqlite', filename: ':memory:' });
  try {
    return (await assembleFoundation(options, { ...setup, definitions: setup.definitions }, partitions)).problems;
  } finally {
    await partitions.destroy();
  }
}

export type { MigrationReport };
