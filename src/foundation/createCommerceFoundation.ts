import 'reflect-metadata';
import { builtInComponents } from '../container/builtInComponents.js';
import { ComponentCatalog } from '../container/ComponentCatalog.js';
import { createContainer } from '../container/createContainer.js';
import { ConfigurationError } from '../errors/ConfigurationError.js';
import { quietLogger } from '../logging/Logger.js';
import { ModelRegistry } from '../models/ModelRegistry.js';
import { OperationService } from '../pipeline/OperationService.js';
import { resolveSequences } from '../sequences/resolveSequences.js';
import { createKnex } from '../storage/createKnex.js';
import { CommerceFoundation } from './CommerceFoundation.js';
import { foundationOptionsSchema, type CommerceFoundationOptions } from './foundationOptionsSchema.js';
import { readSetup } from './readSetup.js';
import { zodProblems } from '../config/readJsonFile.js';

/**
 * Starts the framework: reads and validates every config file, sequence file and profile definition,
 * opens the database, creates missing tables and resolves each sequence's components once.
 */
export async function createCommerceFoundation(input: CommerceFoundationOptions = {}): Promise<CommerceFoundation> {
  const parsed = foundationOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ConfigurationError(zodProblems('createCommerceFoundation options', parsed.error));
  const options = parsed.data;
  const setup = await readSetup(options);
  if (!setup.database) throw new ConfigurationError(setup.problems);

  const logger = options.logger ?? quietLogger;
  const knex = createKnex(setup.database.config);
  const container = createContainer({ root: setup.root, knex, config: setup.config, logger });
  const catalog = new ComponentCatalog(container, [...builtInComponents, ...Object.entries(options.components ?? {})]);
  const { sequences, problems } = resolveSequences(setup.sequenceSources, catalog);
  const allProblems = [...setup.problems, ...problems];
  if (allProblems.length) {
    await knex.destroy();
    throw new ConfigurationError(allProblems);
  }
  const models = new ModelRegistry(options.models ?? []);
  const service = new OperationService(sequences, knex, models);
  return new CommerceFoundation({ root: setup.root, config: setup.config, database: setup.database, knex, container, sequences, service });
}
