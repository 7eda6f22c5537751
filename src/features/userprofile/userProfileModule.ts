import { defineCommerceModule, packageFolder } from '../../api.js';
import {
  UserProfileAddressesProcessor,
  UserProfileAddressResponseBuilder,
  UserProfileCommitter,
  UserProfileCreditCardsProcessor,
  UserProfileCreditCardsResponseBuilder,
  UserProfileLoader,
  UserProfileResponseBuilder,
  UserProfileShippingMethodsProcessor,
  UserProfileShippingMethodsResponseBuilder,
} from './components/UserProfileComponents.js';

/**
 * The UserProfile feature of Commerce Server 2009 as a module: its profile definitions (UserObject, Address,
 * CreditCard, ShippingMethod), its models and its four sequences are data, in the package's modules/userprofile
 * folder; its components are the generic model components under seed 002's names, each set to its relationships.
 */
export const userProfileModule = defineCommerceModule({
  name: 'userprofile',
  folder: packageFolder(import.meta.url, 'modules/userprofile'),
  components: {
    UserProfileLoader,
    UserProfileAddressesProcessor,
    UserProfileCreditCardsProcessor,
    UserProfileShippingMethodsProcessor,
    UserProfileCommitter,
    UserProfileResponseBuilder,
    UserProfileAddressResponseBuilder,
    UserProfileCreditCardsResponseBuilder,
    UserProfileShippingMethodsResponseBuilder,
  },
});
