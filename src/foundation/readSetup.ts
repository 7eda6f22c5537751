import { join, resolve } from 'node:path';
import type { ContainerModule } from 'inversify';
import type { CommerceConfig } from '../config/commerceConfigSchema.js';
import { commerceConfigSchema } from '../config/commerceConfigSchema.js';
import { readEnvironment } from '../config/environment.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { defaultLogger, logLevels, type LogLevel } from '../logging/defaultLogger.js';
import type { Logger } from '../logging/Logger.js';
import { readCommerceConfig } from '../config/readCommerceConfig.js';
import { zodProblems } from '../config/readJsonFile.js';
import { ConfigurationError, type ConfigurationProblem } from '../errors/ConfigurationError.js';
import { compileModels, type CompiledModel } from '../models/files/compileModels.js';
import { readModelFiles } from '../models/files/readModelFiles.js';
import type { CardNumberCipher } from '../models/sensitive/CardNumberCipher.js';
import { resolveCardCipher } from '../models/sensitive/resolveCardCipher.js';
import { commerceModuleSchema, type LoadedModule } from '../modules/commerceModuleSchema.js';
import { checkDefinitions, type DefinitionSource } from '../profiles/definitions/checkDefinitions.js';
import { compileDefinition } from '../profiles/definitions/compileDefinition.js';
import { DefinitionSet } from '../profiles/definitions/DefinitionSet.js';
import { readProfileDefinitions } from '../profiles/definitions/readProfileDefinitions.js';
import { readSequenceFiles, type SequenceSource } from '../sequences/readSequenceFiles.js';
import type { AuthorizationConfig } from '../authorization/authorizationConfigSchema.js';
import { readAuthorizationConfig } from '../authorization/readAuthorizationConfig.js';
import { authorizationDisabled, authorizationFirst } from '../authorization/withAuthorizationFirst.js';
import { defaultChannel, effectiveSequences, type SequencesByChannel } from '../sequences/effectiveSequences.js';
import { resolveDatabaseConfig, type DatabaseChoice } from '../storage/resolveDatabaseConfig.js';
import type { CommerceFoundationOptions } from './foundationOptionsSchema.js';
import { loadConfiguredModules } from './loadConfiguredModules.js';
import { moduleContributions, type ComponentEntry } from './moduleContributions.js';

export interface FoundationSetup {
  readonly root: string;
  readonly config: CommerceConfig;
  readonly database: DatabaseChoice | undefined;
  readonly modules: readonly LoadedModule[];
  /** The default channel's effective sequences, by handler. */
  readonly sequenceSources: Map<string, SequenceSource>;
  /** Every channel's effective sequences (the default channel under ''), by handler. */
  readonly channelSources: SequencesByChannel;
  /** The definitions in use: the modules', with the app's replacing them by name; undefined when they have problems. */
  readonly definitions: DefinitionSet | undefined;
  /** The modules' definitions alone, compiled when sound: what components are checked against when the app's are not. */
  readonly moduleDefinitions: DefinitionSet | undefined;
  readonly models: readonly CompiledModel[];
  readonly components: readonly ComponentEntry[];
  readonly containerModules: readonly ContainerModule[];
  readonly cardCipher: CardNumberCipher | undefined;
  /** config/authorization.json; undefined when there is none (or it has problems): then nothing is checked. */
  readonly authorization: AuthorizationConfig | undefined;
  /** `options.logger`, or pino at COMMERCE_LOG_LEVEL or `log.level`. */
  readonly logger: Logger;
  readonly problems: ConfigurationProblem[];
  /** What works but is worth changing (a searchable property without an index), for `commerce validate`. */
  readonly warnings: ConfigurationProblem[];
}

const isLogLevel = (level: string): level is LogLevel => (logLevels as readonly string[]).includes(level);

/** COMMERCE_LOG_LEVEL before config/commerce.json's `log.level`. */
function logLevelOf(environment: string | undefined, config: CommerceConfig, problems: ConfigurationProblem[]): LogLevel {
  if (environment === undefined) return config.log.level;
  if (isLogLevel(environment)) return environment;
  problems.push({ file: 'COMMERCE_LOG_LEVEL', path: 'log.level', message: `must be one of ${logLevels.join(', ')}` });
  return config.log.level;
}

function compiled(sources: readonly DefinitionSource[]): { definitions: DefinitionSet | undefined; problems: ConfigurationProblem[] } {
  const problems = checkDefinitions(sources);
  return { definitions: problems.length ? undefined : new DefinitionSet(sources.map((s) => compileDefinition(s.definition, s.file))), problems };
}

/** The modules given, each checked against the module contract, each name once. */
function checkedModules(given: readonly unknown[], problems: ConfigurationProblem[]): LoadedModule[] {
  const modules: LoadedModule[] = [];
  const names = new Set<string>();
  for (const [i, module] of given.entries()) {
    const name = (module as { name?: unknown } | null)?.name;
    const label = typeof name === 'string' ? `module ${name}` : `modules[${i}]`;
    const parsed = commerceModuleSchema.safeParse(module);
    if (!parsed.success) problems.push(...zodProblems(label, parsed.error, '', commerceModuleSchema));
    else if (names.has(parsed.data.name)) problems.push({ file: label, path: 'name', message: `two modules are named ${parsed.data.name}` });
    else {
      names.add(parsed.data.name);
      modules.push(parsed.data);
    }
  }
  return modules;
}

/** The sequences, with the Authorization step first in each when config/authorization.json exists. */

/** Reads and checks every file start-up reads (config, modules, sequences, profile definitions, models), gathering all problems. */
export async function readSetup(options: CommerceFoundationOptions, shippedModules: readonly unknown[]): Promise<FoundationSetup> {
  const root = resolve(options.root ?? process.cwd());
  const environment = readEnvironment();
  const problems: ConfigurationProblem[] = [];
  const configRead = await readCommerceConfig(root);
  const config = deepFreeze(configRead.ok ? configRead.value : commerceConfigSchema.parse({}));
  if (!configRead.ok) problems.push(...configRead.problems);

  let database: DatabaseChoice | undefined;
  try {
    database = resolveDatabaseConfig({ root, options: options.database, environment: environment.databaseUrl, configFile: config.database });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }

  const configured = await loadConfiguredModules(root, config.modules);
  problems.push(...configured.problems);
  const modules = checkedModules([...shippedModules, ...(options.modules ?? []), ...configured.modules], problems);
  const shipped = new Set(shippedModules.map((m) => (m as { name?: unknown } | null)?.name).filter((name): name is string => typeof name === 'string'));
  const given = await moduleContributions(root, modules, shipped);
  problems.push(...given.problems);

  const app = await readSequenceFiles(root, [{ dir: join(root, 'sequences'), origin: 'app' }]);
  problems.push(...app.problems);
  const authorizationRead = await readAuthorizationConfig(root);
  if (!authorizationRead.ok) problems.push(...authorizationRead.problems);
  const authorization = authorizationRead.ok ? authorizationRead.value : undefined;
  // With config/authorization.json, the Authorization step is patched in first, after every other contributor.
  const contributors = authorization ? [...given.patchContributors, authorizationFirst] : given.patchContributors;
  const effective = await effectiveSequences(root, new Map([...given.sequences, ...app.sources]), contributors, configRead.ok ? (config.channels ?? []) : undefined);
  problems.push(...effective.problems);
  if (authorization) problems.push(...authorizationDisabled(effective.byChannel));
  const channelSources = effective.byChannel;
  const sequenceSources = channelSources.get(defaultChannel) ?? new Map<string, SequenceSource>();

  const appDefinitions = await readProfileDefinitions(root, [join(root, 'config/profiles')]);
  problems.push(...appDefinitions.problems);
  const byName = new Map(given.definitions.map((s) => [s.definition.name, s]));
  for (const source of appDefinitions.sources) byName.set(source.definition.name, source);
  const { definitions, problems: definitionProblems } = compiled([...byName.values()]);
  problems.push(...definitionProblems);

  const appModels = await readModelFiles(root, join(root, 'config/models'));
  problems.push(...appModels.problems);
  // Where the app's definitions have problems, the modules' own are used to check components and models against,
  // so that those problems hide no others.
  const moduleDefinitions = definitions ?? compiled(given.definitions).definitions;
  let models: CompiledModel[] = [];
  const warnings: ConfigurationProblem[] = [];
  if (moduleDefinitions) {
    const read = compileModels(definitions ? [...given.models, ...appModels.sources] : given.models, moduleDefinitions);
    models = read.models;
    if (definitions) problems.push(...read.problems);
    warnings.push(...read.warnings);
  }

  let cardCipher: CardNumberCipher | undefined;
  try {
    cardCipher = resolveCardCipher({ option: options.encryptionKey, environment: environment.encryptionKey, configFile: config.encryptionKey });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  // COMMERCE_LOG_LEVEL is checked even where options give a logger: a variable that is set wrong is a problem anyway.
  const level = logLevelOf(environment.logLevel, config, problems);
  const logger = options.logger ?? defaultLogger(level);
  return {
    root,
    config,
    database,
    modules,
    sequenceSources,
    channelSources,
    definitions,
    moduleDefinitions,
    models,
    components: given.components,
    containerModules: given.containerModules,
    cardCipher,
    authorization: authorization && deepFreeze(authorization),
    logger,
    problems,
    warnings,
  };
}
