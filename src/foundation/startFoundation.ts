import 'reflect-metadata';
import { zodProblems } from '../config/readJsonFile.js';
import { ConfigurationError, type ConfigurationProblem } from '../errors/ConfigurationError.js';
import { migrateProfileTables, type MigrationReport } from '../profiles/schema/migrateProfileTables.js';
import { silentLogger } from '../logging/Logger.js';
import { loadTelemetry } from '../telemetry/openTelemetry.js';
import { connectFarm } from '../profiles/farm/connectFarm.js';
import { openDatabases } from '../storage/openDatabases.js';
import { probeDatabases } from '../storage/probeDatabases.js';
import { createPartitions } from '../storage/Partitions.js';
import type { DefinitionSet } from '../profiles/definitions/DefinitionSet.js';
import { assembleFoundation } from './assembleFoundation.js';
import { CommerceFoundation } from './CommerceFoundation.js';
import { migrateComponents } from './migrateComponents.js';
import { foundationOptionsSchema, type CommerceFoundationOptions } from './foundationOptionsSchema.js';
import { readSetup, type FoundationSetup } from './readSetup.js';
import type { SequenceSource } from '../sequences/readSequenceFiles.js';
import type { DatabaseChoice } from '../storage/resolveDatabaseConfig.js';
import { flatMap } from '../util/flatMap.js';

/** Modules the package ships, loaded before any other: the composition root passes them (see src/shipped.ts). */
export type ShippedModules = readonly unknown[];

async function setupOf(input: CommerceFoundationOptions, shipped: ShippedModules) {
  const parsed = foundationOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ConfigurationError(zodProblems('createCommerceFoundation options', parsed.error, '', foundationOptionsSchema));
  return { options: parsed.data, setup: await readSetup(parsed.data, shipped) };
}

/** Creates the profile tables, then what the sequences' components need. */
async function migrate(definitions: DefinitionSet, parts: Awaited<ReturnType<typeof assembleFoundation>>): Promise<MigrationReport> {
  const { created } = await migrateProfileTables(definitions, parts.profiles.placement);
  const everyChannel = flatMap(parts.channels.values(), (sequences) => [...sequences.values()]);
  return { created: [...created, ...(await migrateComponents(everyChannel, parts.knex))] };
}

/**
 * Starts the framework: reads and validates every config file, sequence file and profile definition,
 * opens the database, resolves each sequence's components once and creates missing tables (the components' too).
 */
export async function startFoundation(input: CommerceFoundationOptions, shipped: ShippedModules): Promise<CommerceFoundation> {
  const { options, setup } = await setupOf(input, shipped);
  const { database, definitions } = setup;
  // Problems are gathered before the database or the farm is reached, so that every one is reported at once
  if (!database || !definitions || setup.problems.length) throw new ConfigurationError(await problemsOf(options, setup));
  const { logger } = setup;
  const telemetry = await loadTelemetry();
  const partitions = await openDatabases(database, logger, true);
  let farm;
  try {
    farm = await connectFarm(setup.config.farm, logger);
    const parts = await assembleFoundation(options, { ...setup, definitions }, partitions, farm, telemetry);
    if (parts.problems.length) throw new ConfigurationError(parts.problems);
    const migration = options.migrate === false ? undefined : await migrate(definitions, parts);
    return new CommerceFoundation({ ...setup, ...parts, database, migration });
  } catch (error) {
    await farm?.close();
    await partitions.destroy();
    throw error;
  }
}

/**
 * Every problem of a setup, the components' included, by file and path, found without opening the configured database:
 * components are built against an in-memory one, over the shipped profile definitions where the app's have problems.
 */
async function problemsOf(options: Parameters<typeof assembleFoundation>[0], setup: FoundationSetup): Promise<ConfigurationProblem[]> {
  const partitions = createPartitions({ client: 'sqlite', filename: ':memory:' });
  try {
    const definitions = setup.definitions ?? setup.moduleDefinitions;
    const { problems } = definitions ? await assembleFoundation(options, { ...setup, definitions }, partitions) : { problems: setup.problems };
    return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.path.localeCompare(b.path, undefined, { numeric: true }));
  } finally {
    await partitions.destroy();
  }
}

/** What start-up would work with, and every problem it would report: for tools such as `commerce sequences`. */
export interface ConfigurationInspection {
  /** The database start-up would open, and where that choice came from; absent when it cannot be told. */
  readonly database?: DatabaseChoice;
  /** The modules loaded, in order. */
  readonly modules: readonly string[];
  /** The effective sequences of the default channel, by handler, each with where it came from. */
  readonly sequences: ReadonlyMap<string, SequenceSource>;
  /** Every declared channel's effective sequences, by channel, then by handler. */
  readonly channels: ReadonlyMap<string, ReadonlyMap<string, SequenceSource>>;
  readonly problems: readonly ConfigurationProblem[];
  /** What works but is worth changing: searchable properties without an index. */
  readonly warnings: readonly ConfigurationProblem[];
}

/** What start-up reads and every problem it would report, without opening the configured database. */
export async function inspectFoundationConfiguration(input: CommerceFoundationOptions, shipped: ShippedModules): Promise<ConfigurationInspection> {
  let checked;
  try {
    checked = await setupOf(input, shipped);
  } catch (error) {
    if (error instanceof ConfigurationError) return { modules: [], sequences: new Map(), channels: new Map(), problems: [...error.problems], warnings: [] };
    throw error;
  }
  const { setup } = checked;
  return {
    ...(setup.database ? { database: setup.database } : {}),
    modules: setup.modules.map((m) => m.name),
    sequences: setup.sequenceSources,
    channels: new Map([...setup.channelSources].filter(([channel]) => channel !== '')),
    problems: await problemsOf(checked.options, setup),
    warnings: setup.warnings,
  };
}

/**
 * Every problem start-up would report; none means the configuration is sound. The configured database is not opened,
 * unless `connect` asks to reach it too (as start-up does), which creates and changes nothing.
 */
export async function checkFoundationConfiguration(input: CommerceFoundationOptions, shipped: ShippedModules, check: { connect?: boolean } = {}): Promise<ConfigurationProblem[]> {
  const { database, problems } = await inspectFoundationConfiguration(input, shipped);
  if (!check.connect || problems.length || !database) return [...problems];
  return probeDatabases(database, input.logger ?? silentLogger);
}

