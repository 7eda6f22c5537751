import { AuthorizationStep, authorizationStepName } from '../authorization/AuthorizationStep.js';
import { Authorizer } from '../authorization/Authorizer.js';
import { checkAuthorizationConfig } from '../authorization/checkAuthorizationConfig.js';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import type { ModelRegistry } from '../models/ModelRegistry.js';
import type { Models } from '../models/Models.js';
import { modelNameOfHandler } from '../sequences/handlerName.js';
import type { SequenceComponentRegistration } from '../sequences/SequenceComponent.js';
import type { FoundationSetup } from './readSetup.js';

/** The Authorizer of config/authorization.json and its sequence step, once its rules are found to name what exists. */
export function authorizationOf(setup: FoundationSetup, models: Models, registry: ModelRegistry, problems: ConfigurationProblem[]) {
  const components = new Map<string, SequenceComponentRegistration>();
  if (!setup.authorization) return { authorizer: undefined, components };
  const known = new Set([...registry.names(), ...[...setup.sequenceSources.keys()].map(modelNameOfHandler)]);
  problems.push(...checkAuthorizationConfig(setup.authorization, models, known));
  const authorizer = new Authorizer(setup.authorization, models);
  components.set(authorizationStepName, new AuthorizationStep(authorizer));
  return { authorizer, components };
}
