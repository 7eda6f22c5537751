import { Container, type ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import type { CommerceConfig } from '../config/commerceConfigSchema.js';
import type { Logger } from '../logging/Logger.js';
import type { ProfilesSystem } from '../profiles/ProfilesSystem.js';
import {
  CommerceConfigToken,
  FoundationRootToken,
  KnexToken,
  LoggerToken,
  ProfileContextToken,
  ProfileManagementToken,
  ProfilesSystemToken,
} from './tokens.js';

export interface FoundationServices {
  readonly root: string;
  readonly knex: Knex;
  readonly config: CommerceConfig;
  readonly logger: Logger;
  readonly profiles: ProfilesSystem;
  /** More services under their tokens (the models layer's). */
  readonly more: readonly (readonly [symbol, unknown])[];
  /** The modules' own services. */
  readonly containerModules: readonly ContainerModule[];
}

/** The container with the framework's services bound under their exported tokens, and the modules' own. */
export function createContainer(services: FoundationServices): Container {
  const container = new Container();
  container.bind(FoundationRootToken).toConstantValue(services.root);
  container.bind(KnexToken).toConstantValue(services.knex);
  container.bind(CommerceConfigToken).toConstantValue(services.config);
  container.bind(LoggerToken).toConstantValue(services.logger);
  container.bind(ProfilesSystemToken).toConstantValue(services.profiles);
  container.bind(ProfileContextToken).toConstantValue(services.profiles.context);
  container.bind(ProfileManagementToken).toConstantValue(services.profiles.management);
  for (const [token, value] of services.more) container.bind(token).toConstantValue(value);
  if (services.containerModules.length) container.load(...services.containerModules);
  return container;
}
