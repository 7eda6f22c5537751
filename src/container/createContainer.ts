import { Container } from 'inversify';
import type { Knex } from 'knex';
import type { CommerceConfig } from '../config/commerceConfigSchema.js';
import type { Logger } from '../logging/Logger.js';
import type { ProfilesSystem } from '../profiles/ProfilesSystem.js';
import type { CardNumberCipher } from '../userprofile/cards/CardNumberCipher.js';
import { CardNumberCipherToken, EntityMapperToken } from '../userprofile/components/tokens.js';
import type { EntityMapper } from '../userprofile/mapping/EntityMapper.js';
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
  readonly mapper: EntityMapper;
  readonly cardCipher: CardNumberCipher | undefined;
}

/** The container with the framework's services bound under their exported tokens. */
export function createContainer(services: FoundationServices): Container {
  const container = new Container();
  container.bind(FoundationRootToken).toConstantValue(services.root);
  container.bind(KnexToken).toConstantValue(services.knex);
  container.bind(CommerceConfigToken).toConstantValue(services.config);
  container.bind(LoggerToken).toConstantValue(services.logger);
  container.bind(ProfilesSystemToken).toConstantValue(services.profiles);
  container.bind(ProfileContextToken).toConstantValue(services.profiles.context);
  container.bind(ProfileManagementToken).toConstantValue(services.profiles.management);
  container.bind(EntityMapperToken).toConstantValue(services.mapper);
  if (services.cardCipher) container.bind(CardNumberCipherToken).toConstantValue(services.cardCipher);
  return container;
}
