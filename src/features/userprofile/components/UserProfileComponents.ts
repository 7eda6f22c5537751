import { inject, injectable } from 'inversify';
import {
  ModelCommitter,
  ModelLoader,
  ModelResponseBuilder,
  ModelsToken,
  RelatedItemsProcessor,
  RelatedItemsResponseBuilder,
  relatedItemsConfigurationSchema,
  type Models,
} from '../../../api.js';

/** The relationships each processor and related response builder of seed 002 handles, by default. */
const handles = (...relationships: string[]) => relatedItemsConfigurationSchema.default({ relationships });

/** UserProfileLoader (seed 002): loads the user by its id or email, or makes it new in a Create. */
@injectable()
export class UserProfileLoader extends ModelLoader {
  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}

/** UserProfileAddressesProcessor: the user's Addresses and PreferredAddress; a Delete deletes the ones no one else uses. */
@injectable()
export class UserProfileAddressesProcessor extends RelatedItemsProcessor {
  static override readonly configurationSchema = handles('Addresses', 'PreferredAddress');

  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}

/** UserProfileCreditCardsProcessor: CreditCards and PreferredCreditCard; card numbers stored encrypted. */
@injectable()
export class UserProfileCreditCardsProcessor extends RelatedItemsProcessor {
  static override readonly configurationSchema = handles('CreditCards', 'PreferredCreditCard');

  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}

/** UserProfileShippingMethodsProcessor: ShippingMethods, shared by every user: a Delete leaves them. */
@injectable()
export class UserProfileShippingMethodsProcessor extends RelatedItemsProcessor {
  static override readonly configurationSchema = handles('ShippingMethods');

  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}

/** UserProfileCommitter (seed 002): stores the user — inserts, updates, or deletes it. */
@injectable()
export class UserProfileCommitter extends ModelCommitter {
  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}

/** UserProfileResponseBuilder: the users as UserProfile entities in the response. */
@injectable()
export class UserProfileResponseBuilder extends ModelResponseBuilder {
  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}

/** UserProfileAddressResponseBuilder: the users' Addresses and PreferredAddress, as related queries ask. */
@injectable()
export class UserProfileAddressResponseBuilder extends RelatedItemsResponseBuilder {
  static override readonly configurationSchema = handles('Addresses', 'PreferredAddress');

  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}

/** UserProfileCreditCardsResponseBuilder: CreditCards and PreferredCreditCard, numbers masked. */
@injectable()
export class UserProfileCreditCardsResponseBuilder extends RelatedItemsResponseBuilder {
  static override readonly configurationSchema = handles('CreditCards', 'PreferredCreditCard');

  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}

/** UserProfileShippingMethodsResponseBuilder: the users' ShippingMethods. */
@injectable()
export class UserProfileShippingMethodsResponseBuilder extends RelatedItemsResponseBuilder {
  static override readonly configurationSchema = handles('ShippingMethods');

  constructor(@inject(ModelsToken) models: Models) {
    super(models);
  }
}
