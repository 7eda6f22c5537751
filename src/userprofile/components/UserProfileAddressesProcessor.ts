import { inject, injectable } from 'inversify';
import { ProfilesSystemToken } from '../../container/tokens.js';
import type { ProfilesSystem } from '../../profiles/ProfilesSystem.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import { RelatedItemsProcessor } from './RelatedItemsProcessor.js';
import { EntityMapperToken } from './tokens.js';

/** Addresses and PreferredAddress: creates, associates, updates and removes them; a Delete deletes the ones nobody else uses. */
@injectable()
export class UserProfileAddressesProcessor extends RelatedItemsProcessor {
  protected readonly relationshipNames = ['Addresses', 'PreferredAddress'];
  protected readonly deletesUnusedItems = true;

  constructor(@inject(EntityMapperToken) mapper: EntityMapper, @inject(ProfilesSystemToken) profiles: ProfilesSystem) {
    super(mapper, profiles.definitions);
  }
}
