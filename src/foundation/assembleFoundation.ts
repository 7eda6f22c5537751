import { builtInComponents } from '../container/builtInComponents.js';
import { ComponentCatalog } from '../container/ComponentCatalog.js';
import { createContainer } from '../container/createContainer.js';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { quietLogger } from '../logging/Logger.js';
import { ModelRegistry } from '../models/ModelRegistry.js';
import { OperationService } from '../pipeline/OperationService.js';
import type { DefinitionSet } from '../profiles/definitions/DefinitionSet.js';
import type { CacheFarm } from '../profiles/farm/CacheFarm.js';
import { ProfilesSystem } from '../profiles/ProfilesSystem.js';
import { resolveSequences } from '../sequences/resolveSequences.js';
import type { Partitions } from '../storage/Partitions.js';
import { EntityMapper } from '../userprofile/mapping/EntityMapper.js';
import { ModelMappings } from '../userprofile/mapping/ModelMappings.js';
import { userProfileModels } from '../userprofile/models/userProfileModels.js';
import type { CommerceFoundationOptions } from './foundationOptionsSchema.js';
import { loadComponentsModule } from './loadComponentsModule.js';
import type { FoundationSetup } from './readSetup.js';

/** Builds every part of a foundation on the given databases, and gathers every problem start-up would report. */
export async function assembleFoundation(
  options: CommerceFoundationOptions,
  setup: FoundationSetup & { definitions: DefinitionSet },
  partitions: Partitions,
  farm?: CacheFarm,
) {
  const logger = options.logger ?? quietLogger;
  const knex = partitions.defaultDatabase;
  const loaded = await loadComponentsModule(setup.root, setup.config.components);
  const profiles = new ProfilesSystem(partitions, setup.definitions, setup.config.cache, farm);
  const mapper = new EntityMapper(setup.cardCipher, new ModelMappings(setup.modelExtensions));
  const container = createContainer({ root: setup.root, knex, config: setup.config, logger, profiles, mapper, cardCipher: setup.cardCipher });
  const catalog = new ComponentCatalog(container, [...builtInComponents, ...Object.entries(loaded.components), ...Object.entries(options.components ?? {})]);
  const { sequences, problems } = resolveSequences(setup.sequenceSources, catalog);
  const builtInModels = userProfileModels({ mappings: mapper.mappings, definitions: setup.definitions, canStoreCardNumbers: mapper.canStoreCardNumbers });
  const models = new ModelRegistry([...builtInModels, ...(options.models ?? [])]);
  const service = new OperationService(sequences, knex, models, (scope) => profiles.forOperation(scope), logger);
  const allProblems: ConfigurationProblem[] = [...setup.problems, ...loaded.problems, ...problems];
  return { knex, profiles, container, sequences, service, problems: allProblems };
}
