import { injectable, injectFromBase } from 'inversify';
import {
  ModelCommitter,
  ModelLoader,
  ModelResponseBuilder,
  RelatedItemsProcessor,
  RelatedItemsResponseBuilder,
  relatedItemsConfigurationSchema,
} from '../../../api.js';

// Each is a generic model component under seed 002's name; `injectFromBase` gives it its base's constructor injections.

/** The relationships each processor and related response builder of seed 002 handles, by default. */
const handles = (...relationships: string[]) => relatedItemsConfigurationSchema.default({ relationships });

/** UserProfileLoader (seed 002): loads the user by its id or email, or makes it new in a Create. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileLoader extends ModelLoader {}

/** UserProfileAddressesProcessor: the user's Addresses and PreferredAddress; a Delete deletes the ones no one else uses. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileAddressesProcessor extends RelatedItemsProcessor {
  static override readonly configurationSchema = handles('Addresses', 'PreferredAddress');
}

/** UserProfileCreditCardsProcessor: CreditCards and PreferredCreditCard; card numbers stored encrypted. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileCreditCardsProcessor extends RelatedItemsProcessor {
  static override readonly configurationSchema = handles('CreditCards', 'PreferredCreditCard');
}

/** UserProfileShippingMethodsProcessor: ShippingMethods, shared by every user: a Delete leaves them. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileShippingMethodsProcessor extends RelatedItemsProcessor {
  static override readonly configurationSchema = handles('ShippingMethods');
}

/** UserProfileCommitter (seed 002): stores the user — inserts, updates, or deletes it. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileCommitter extends ModelCommitter {}

/** UserProfileResponseBuilder: the users as UserProfile entities in the response. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileResponseBuilder extends ModelResponseBuilder {}

/** UserProfileAddressResponseBuilder: the users' Addresses and PreferredAddress, as related queries ask. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileAddressResponseBuilder extends RelatedItemsResponseBuilder {
  static override readonly configurationSchema = handles('Addresses', 'PreferredAddress');
}

/** UserProfileCreditCardsResponseBuilder: CreditCards and PreferredCreditCard, numbers masked. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileCreditCardsResponseBuilder extends RelatedItemsResponseBuilder {
  static override readonly configurationSchema = handles('CreditCards', 'PreferredCreditCard');
}

/** UserProfileShippingMethodsResponseBuilder: the users' ShippingMethods. */
@injectable()
@injectFromBase({ extendConstructorArguments: true })
export class UserProfileShippingMethodsResponseBuilder extends RelatedItemsResponseBuilder {
  static override readonly configurationSchema = handles('ShippingMethods');
}
