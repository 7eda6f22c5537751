import { inject, injectable } from 'inversify';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import { RelatedItemsResponseBuilder } from './RelatedItemsResponseBuilder.js';
import { EntityMapperToken } from './tokens.js';

/** Puts the user's CreditCards, PreferredCreditCard (masked numbers only) into the response, as related queries ask. */
@injectable()
export class UserProfileCreditCardsResponseBuilder extends RelatedItemsResponseBuilder {
  protected readonly relationshipNames = ['CreditCards', 'PreferredCreditCard'];

  constructor(@inject(EntityMapperToken) mapper: EntityMapper) {
    super(mapper);
  }
}
