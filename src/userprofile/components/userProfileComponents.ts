import type { SequenceComponentRegistration } from '../../sequences/SequenceComponent.js';
import { UserProfileAddressesProcessor } from './UserProfileAddressesProcessor.js';
import { UserProfileAddressResponseBuilder } from './UserProfileAddressResponseBuilder.js';
import { UserProfileCommitter } from './UserProfileCommitter.js';
import { UserProfileCreditCardsProcessor } from './UserProfileCreditCardsProcessor.js';
import { UserProfileCreditCardsResponseBuilder } from './UserProfileCreditCardsResponseBuilder.js';
import { UserProfileLoader } from './UserProfileLoader.js';
import { UserProfileResponseBuilder } from './UserProfileResponseBuilder.js';
import { UserProfileShippingMethodsProcessor } from './UserProfileShippingMethodsProcessor.js';
import { UserProfileShippingMethodsResponseBuilder } from './UserProfileShippingMethodsResponseBuilder.js';

/** The UserProfile components, by the names the shipped sequence files use. */
export const userProfileComponents: ReadonlyMap<string, SequenceComponentRegistration> = new Map<string, SequenceComponentRegistration>([
  ['UserProfileLoader', UserProfileLoader],
  ['UserProfileAddressesProcessor', UserProfileAddressesProcessor],
  ['UserProfileCreditCardsProcessor', UserProfileCreditCardsProcessor],
  ['UserProfileShippingMethodsProcessor', UserProfileShippingMethodsProcessor],
  ['UserProfileCommitter', UserProfileCommitter],
  ['UserProfileResponseBuilder', UserProfileResponseBuilder],
  ['UserProfileAddressResponseBuilder', UserProfileAddressResponseBuilder],
  ['UserProfileCreditCardsResponseBuilder', UserProfileCreditCardsResponseBuilder],
  ['UserProfileShippingMethodsResponseBuilder', UserProfileShippingMethodsResponseBuilder],
]);
