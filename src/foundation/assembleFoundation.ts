import { ComponentCatalog } from '../container/ComponentCatalog.js';
import { createContainer } from '../container/createContainer.js';
import { CardNumberCipherToken, EntityMapperToken, ModelsToken } from '../container/tokens.js';
import { distinctProblems, type ConfigurationProblem } from '../errors/ConfigurationError.js';
import { modelComponents } from '../models/components/modelComponents.js';
import { EntityMapper } from '../models/mapping/EntityMapper.js';
import { ModelRegistry } from '../models/ModelRegistry.js';
import { Models } from '../models/Models.js';
import { modelDefinitionOf } from '../models/validation/modelDefinitionOf.js';
import { OperationService } from '../pipeline/OperationService.js';
import type { DefinitionSet } from '../profiles/definitions/DefinitionSet.js';
import type { CacheBus } from '../profiles/farm/CacheBus.js';
import { ProfilesSystem } from '../profiles/ProfilesSystem.js';
import { resolveSequences } from '../sequences/resolveSequences.js';
import { defaultChannel } from '../sequences/effectiveSequences.js';
import type { ResolvedSequence } from '../sequences/ResolvedSequence.js';
import type { SequenceComponentRegistration } from '../sequences/SequenceComponent.js';
import type { Partitions } from '../storage/Partitions.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import type { CommerceFoundationOptions } from './foundationOptionsSchema.js';
import { loadComponentsModule } from './loadComponentsModule.js';
import { authorizationOf } from './authorizationOf.js';
import type { FoundationSetup } from './readSetup.js';

const packageName = 'commerce-foundation';

/**
 * The components sequence files can name: the framework's own, the modules', then the app's (which may replace any
 * of those by name). A module may not take a name the framework uses.
 */
function componentsOf(setup: FoundationSetup, own: ReadonlyMap<string, SequenceComponentRegistration>, appComponents: readonly [string, SequenceComponentRegistration][], problems: ConfigurationProblem[]) {
  const entries: [string, SequenceComponentRegistration][] = [...own];
  for (const { name, registration, origin } of setup.components) {
    if (own.has(name)) problems.push({ file: origin, path: `components.${name}`, message: `${packageName} and ${origin} both give the component ${name}; rename the module's` });
    else entries.push([name, registration]);
  }
  return [...entries, ...appComponents];
}

/** Builds every part of a foundation on the given databases, and gathers every problem start-up would report. */
export async function assembleFoundation(
  options: CommerceFoundationOptions,
  setup: FoundationSetup & { definitions: DefinitionSet },
  partitions: Partitions,
  farm?: CacheBus,
  telemetry?: Telemetry,
) {
  const { logger } = setup;
  const knex = partitions.defaultDatabase;
  const problems: ConfigurationProblem[] = [...setup.problems];
  const loaded = await loadComponentsModule(setup.root, setup.config.components);
  problems.push(...loaded.problems);
  const profiles = new ProfilesSystem(partitions, setup.definitions, setup.config.cache, farm);
  const mapper = new EntityMapper(setup.cardCipher);
  const models = new Models(setup.models.map((m) => m.mapping), mapper);
  const more: [symbol, unknown][] = [
    [ModelsToken, models],
    [EntityMapperToken, mapper],
  ];
  if (setup.cardCipher) more.push([CardNumberCipherToken, setup.cardCipher]);
  const container = createContainer({ root: setup.root, knex, config: setup.config, logger, profiles, more, containerModules: setup.containerModules });
  const appComponents = [...Object.entries(loaded.components), ...Object.entries(options.components ?? {})];
  const registry = new ModelRegistry([...setup.models.map((m) => modelDefinitionOf(m, mapper.canStoreCardNumbers)), ...(options.models ?? [])]);
  const authorization = authorizationOf(setup, models, registry, problems);
  const catalog = new ComponentCatalog(container, componentsOf(setup, new Map([...modelComponents, ...authorization.components]), appComponents, problems));
  // Every channel's sequences, resolved once here: a request then costs one map lookup for its channel.
  const channels = new Map<string, ReadonlyMap<string, ResolvedSequence>>();
  const resolvedProblems: ConfigurationProblem[] = [];
  for (const [channel, sources] of setup.channelSources) {
    const resolved = resolveSequences(sources, catalog);
    channels.set(channel, resolved.sequences);
    resolvedProblems.push(...resolved.problems);
  }
  // A channel's copy of a default sequence has the default's problems: each is reported once.
  problems.push(...distinctProblems(resolvedProblems));
  const sequences = channels.get(defaultChannel) ?? new Map<string, ResolvedSequence>();
  const service = new OperationService(channels, knex, registry, (scope, stepNow) => profiles.forOperation(scope, stepNow), logger, telemetry);
  return { knex, profiles, container, sequences, channels, service, models, authorizer: authorization.authorizer, problems };
}
