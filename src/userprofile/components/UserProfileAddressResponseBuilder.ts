import { inject, injectable } from 'inversify';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import { RelatedItemsResponseBuilder } from './RelatedItemsResponseBuilder.js';
import { EntityMapperToken } from './tokens.js';

/** Puts the user's Addresses, PreferredAddress into the response, as related queries ask. */
@injectable()
export class UserProfileAddressResponseBuilder extends RelatedItemsResponseBuilder {
  protected readonly relationshipNames = ['Addresses', 'PreferredAddress'];

  constructor(@inject(EntityMapperToken) mapper: EntityMapper) {
    super(mapper);
  }
}
