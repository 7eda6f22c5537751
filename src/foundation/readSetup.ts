import { join, resolve } from 'node:path';
import type { CommerceConfig } from '../config/commerceConfigSchema.js';
import { commerceConfigSchema } from '../config/commerceConfigSchema.js';
import { packageRoot } from '../config/packageRoot.js';
import { readCommerceConfig } from '../config/readCommerceConfig.js';
import { ConfigurationError, type ConfigurationProblem } from '../errors/ConfigurationError.js';
import { readSequenceFiles, type SequenceSource } from '../sequences/readSequenceFiles.js';
import { resolveDatabaseConfig, type DatabaseChoice } from '../storage/resolveDatabaseConfig.js';
import type { CommerceFoundationOptions } from './foundationOptionsSchema.js';

export interface FoundationSetup {
  readonly root: string;
  readonly config: CommerceConfig;
  readonly database: DatabaseChoice | undefined;
  readonly sequenceSources: Map<string, SequenceSource>;
  readonly problems: ConfigurationProblem[];
}

/** Reads and checks every file start-up reads, gathering all problems rather than stopping at the first. */
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
  return { root, config, database, sequenceSources: sources, problems };
}
