import { inject, injectable } from 'inversify';
import { ProfilesSystemToken } from '../../container/tokens.js';
import type { ProfilesSystem } from '../../profiles/ProfilesSystem.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import { RelatedItemsProcessor } from './RelatedItemsProcessor.js';
import { EntityMapperToken } from './tokens.js';

/** CreditCards and PreferredCreditCard: card numbers stored encrypted; a Delete deletes the cards nobody else uses. */
@injectable()
export class UserProfileCreditCardsProcessor extends RelatedItemsProcessor {
  protected readonly relationshipNames = ['CreditCards', 'PreferredCreditCard'];
  protected readonly deletesUnusedItems = true;

  constructor(@inject(EntityMapperToken) mapper: EntityMapper, @inject(ProfilesSystemToken) profiles: ProfilesSystem) {
    super(mapper, profiles.definitions);
  }
}
