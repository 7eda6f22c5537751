import { inject, injectable } from 'inversify';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import { RelatedItemsResponseBuilder } from './RelatedItemsResponseBuilder.js';
import { EntityMapperToken } from './tokens.js';

/** Puts the user's ShippingMethods into the response, as related queries ask. */
@injectable()
export class UserProfileShippingMethodsResponseBuilder extends RelatedItemsResponseBuilder {
  protected readonly relationshipNames = ['ShippingMethods'];

  constructor(@inject(EntityMapperToken) mapper: EntityMapper) {
    super(mapper);
  }
}
