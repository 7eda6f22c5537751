import { inject, injectable } from 'inversify';
import { ProfilesSystemToken } from '../../container/tokens.js';
import type { ProfilesSystem } from '../../profiles/ProfilesSystem.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import { RelatedItemsProcessor } from './RelatedItemsProcessor.js';
import { EntityMapperToken } from './tokens.js';

/** ShippingMethods: associates, creates and removes them; shipping methods are shared and a Delete leaves them. */
@injectable()
export class UserProfileShippingMethodsProcessor extends RelatedItemsProcessor {
  protected readonly relationshipNames = ['ShippingMethods'];
  protected readonly deletesUnusedItems = false;

  constructor(@inject(EntityMapperToken) mapper: EntityMapper, @inject(ProfilesSystemToken) profiles: ProfilesSystem) {
    super(mapper, profiles.definitions);
  }
}
