import 'reflect-metadata';
import { zodProblems } from '../config/readJsonFile.js';
import { builtInComponents } from '../container/builtInComponents.js';
import { ComponentCatalog } from '../container/ComponentCatalog.js';
import { createContainer } from '../container/createContainer.js';
import { ConfigurationError } from '../errors/ConfigurationError.js';
import { quietLogger } from '../logging/Logger.js';
import { ModelRegistry } from '../models/ModelRegistry.js';
import { OperationService } from '../pipeline/OperationService.js';
import { ProfilesSystem } from '../profiles/ProfilesSystem.js';
import { migrateProfileTables } from '../profiles/schema/migrateProfileTables.js';
import { resolveSequences } from '../sequences/resolveSequences.js';
import { createPartitions } from '../storage/Partitions.js';
import { CommerceFoundation } from './CommerceFoundation.js';
import { foundationOptionsSchema, type CommerceFoundationOptions } from './foundationOptionsSchema.js';
import { readSetup } from './readSetup.js';
import { EntityMapper } from '../userprofile/mapping/EntityMapper.js';
import { ModelMappings } from '../userprofile/mapping/ModelMappings.js';
import { userProfileModels } from '../userprofile/models/userProfileModels.js';

/**
 * Starts the framework: reads and validates every config file, sequence file and profile definition,
 * opens the database, creates missing tables and resolves each sequence's components once.
 */
export async function createCommerceFoundation(input: CommerceFoundationOptions = {}): Promise<CommerceFoundation> {
  const parsed = foundationOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ConfigurationError(zodProblems('createCommerceFoundation options', parsed.error));
  const options = parsed.data;
  const setup = await readSetup(options);
  if (!setup.database || !setup.definitions) throw new ConfigurationError(setup.problems);

  const logger = options.logger ?? quietLogger;
  const partitions = createPartitions(setup.database.config);
  const knex = partitions.defaultDatabase;
  try {
    const profiles = new ProfilesSystem(partitions, setup.definitions, setup.config.cache);
    const mapper = new EntityMapper(setup.cardCipher, new ModelMappings(setup.modelExtensions));
    const container = createContainer({ root: setup.root, knex, config: setup.config, logger, profiles, mapper, cardCipher: setup.cardCipher });
    const catalog = new ComponentCatalog(container, [...builtInComponents, ...Object.entries(options.components ?? {})]);
    const { sequences, problems } = resolveSequences(setup.sequenceSources, catalog);
    const allProblems = [...setup.problems, ...problems];
    if (allProblems.length) throw new ConfigurationError(allProblems);
    if (options.migrate !== false) await migrateProfileTables(setup.definitions, profiles.placement);
    const builtInModels = userProfileModels({ mappings: mapper.mappings, definitions: setup.definitions, canStoreCardNumbers: mapper.canStoreCardNumbers });
    const models = new ModelRegistry([...builtInModels, ...(options.models ?? [])]);
    const service = new OperationService(sequences, knex, models, (scope) => profiles.contextFor(scope), logger);
    return new CommerceFoundation({ ...setup, database: setup.database, knex, container, sequences, service, profiles });
  } catch (error) {
    await partitions.destroy();
    throw error;
  }
}
