import { join, resolve } from 'node:path';
import type { CommerceConfig } from '../config/commerceConfigSchema.js';
import { commerceConfigSchema } from '../config/commerceConfigSchema.js';
import { packageRoot } from '../config/packageRoot.js';
import { readCommerceConfig } from '../config/readCommerceConfig.js';
import { ConfigurationError, type ConfigurationProblem } from '../errors/ConfigurationError.js';
import { checkDefinitions } from '../profiles/definitions/checkDefinitions.js';
import { compileDefinition } from '../profiles/definitions/compileDefinition.js';
import { DefinitionSet } from '../profiles/definitions/DefinitionSet.js';
import { readProfileDefinitions } from '../profiles/definitions/readProfileDefinitions.js';
import { readSequenceFiles, type SequenceSource } from '../sequences/readSequenceFiles.js';
import type { CardNumberCipher } from '../userprofile/cards/CardNumberCipher.js';
import { resolveCardCipher } from '../userprofile/cards/resolveCardCipher.js';
import type { ModelExtensions } from '../userprofile/mapping/ModelMappings.js';
import { checkModelMappings } from '../userprofile/mapping/checkModelMappings.js';
import { readModelExtensions } from '../userprofile/mapping/readModelExtensions.js';
import { resolveDatabaseConfig, type DatabaseChoice } from '../storage/resolveDatabaseConfig.js';
import type { CommerceFoundationOptions } from './foundationOptionsSchema.js';

export interface FoundationSetup {
  readonly root: string;
  readonly config: CommerceConfig;
  readonly database: DatabaseChoice | undefined;
  readonly sequenceSources: Map<string, SequenceSource>;
  readonly definitions: DefinitionSet | undefined;
  readonly cardCipher: CardNumberCipher | undefined;
  readonly modelExtensions: ModelExtensions;
  readonly problems: ConfigurationProblem[];
}

const shippedDefinitionsDir = join(packageRoot, 'config/profiles');

async function readDefinitions(root: string, folders: readonly string[]): Promise<{ definitions: DefinitionSet | undefined; problems: ConfigurationProblem[] }> {
  const read = await readProfileDefinitions(root, folders);
  const problems = [...read.problems, ...checkDefinitions(read.sources)];
  const definitions = problems.length ? undefined : new DefinitionSet(read.sources.map((source) => compileDefinition(source.definition, source.file)));
  return { definitions, problems };
}

/** The definitions the package ships: sound, so that components can be checked where an app's definitions are not. */
export async function shippedDefinitions(): Promise<DefinitionSet> {
  const { definitions } = await readDefinitions(packageRoot, [shippedDefinitionsDir]);
  if (!definitions) throw new Error('the shipped profile definitions have problems');
  return definitions;
}

/** Reads and checks every file start-up reads (config, sequences, profile definitions), gathering all problems rather than stopping at the first. */
export async function readSetup(options: CommerceFoundationOptions): Promise<FoundationSetup> {
  const root = resolve(options.root ?? process.cwd());
  const problems: ConfigurationProblem[] = [];
  const configRead = await readCommerceConfig(root);
  const config = configRead.ok ? configRead.value : commerceConfigSchema.parse({});
  if (!configRead.ok) problems.push(...configRead.problems);

  let database: DatabaseChoice | undefined;
  try {
    database = resolveDatabaseConfig({
      root,
      options: options.database,
      environment: process.env['COMMERCE_DATABASE_URL'],
      configFile: config.database,
    });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }

  const { sources, problems: sequenceProblems } = await readSequenceFiles(root, [
    { dir: join(packageRoot, 'sequences'), origin: 'package' },
    { dir: join(root, 'sequences'), origin: 'app' },
  ]);
  problems.push(...sequenceProblems);

  const { definitions, problems: definitionProblems } = await readDefinitions(root, [shippedDefinitionsDir, join(root, 'config/profiles')]);
  problems.push(...definitionProblems);
  let modelExtensions: ModelExtensions = new Map();
  if (definitions) {
    const read = await readModelExtensions(root, definitions);
    modelExtensions = read.extensions;
    problems.push(...read.problems, ...checkModelMappings(definitions));
  }

  let cardCipher: CardNumberCipher | undefined;
  try {
    cardCipher = resolveCardCipher(config.encryptionKey);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  return { root, config, database, sequenceSources: sources, definitions, cardCipher, modelExtensions, problems };
}
