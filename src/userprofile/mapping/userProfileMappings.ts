import type { PropertyType } from '../../profiles/definitions/profileDefinitionSchema.js';
import type { ModelMapping } from './ModelMapping.js';

const general = (name: string, type: PropertyType = 'string') => ({ profile: `GeneralInfo.${name}`, type });
const systemDate = (name: string) => ({ profile: `ProfileSystem.${name}`, type: 'datetime' as const, readOnly: true });

export const addressMapping: ModelMapping = {
  modelName: 'Address',
  profileType: 'Address',
  properties: {
    id: general('address_id'),
    addressName: general('address_name'),
    line1: general('address_line1'),
    line2: general('address_line2'),
    city: general('city'),
    stateProvinceCode: general('region_code'),
    zipPostalCode: general('postal_code'),
    countryRegionCode: general('country_code'),
    firstName: general('first_name'),
    lastName: general('last_name'),
    telephone: general('tel_number'),
  },
};

export const creditCardMapping: ModelMapping = {
  modelName: 'CreditCard',
  profileType: 'CreditCard',
  properties: {
    id: general('id'),
    /** Stored encrypted; responses carry a masked form made from the last four digits. */
    creditCardNumber: general('cc_number'),
    creditCardIdentifier: { ...general('last_4_digits'), readOnly: true },
    expirationMonth: general('expiration_month', 'number'),
    expirationYear: general('expiration_year', 'number'),
    billingAddressId: { ...general('billing_address', 'profile'), reference: 'Address' },
    displayName: general('display_name'),
  },
};

export const shippingMethodMapping: ModelMapping = {
  modelName: 'ShippingMethod',
  profileType: 'ShippingMethod',
  properties: {
    id: general('shipping_method_id'),
    name: general('name'),
    description: general('description'),
  },
};

export const userProfileMapping: ModelMapping = {
  modelName: 'UserProfile',
  profileType: 'UserObject',
  properties: {
    id: general('user_id'),
    email: general('email_address'),
    firstName: general('first_name'),
    lastName: general('last_name'),
    telephone: general('tel_number'),
    accountStatus: { profile: 'AccountInfo.account_status', type: 'number' },
    preferredAddressId: { ...general('preferred_address', 'profile'), reference: 'PreferredAddress' },
    preferredCreditCardId: { ...general('preferred_credit_card', 'profile'), reference: 'PreferredCreditCard' },
    dateCreated: systemDate('date_created'),
    dateModified: systemDate('date_last_changed'),
  },
};

/** A relationship of UserProfile, by model name: ModelMappings binds it to the effective model mapping. */
export interface RelationshipSpec {
  readonly name: string;
  readonly modelName: string;
  readonly profileProperty: string;
  readonly many: boolean;
}

/** The relationships of UserProfile, each stored in one property of the UserObject profile. */
export const userProfileRelationshipSpecs: readonly RelationshipSpec[] = [
  { name: 'Addresses', modelName: 'Address', profileProperty: 'GeneralInfo.address_list', many: true },
  { name: 'PreferredAddress', modelName: 'Address', profileProperty: 'GeneralInfo.preferred_address', many: false },
  { name: 'CreditCards', modelName: 'CreditCard', profileProperty: 'GeneralInfo.credit_card_list', many: true },
  { name: 'PreferredCreditCard', modelName: 'CreditCard', profileProperty: 'GeneralInfo.preferred_credit_card', many: false },
  { name: 'ShippingMethods', modelName: 'ShippingMethod', profileProperty: 'GeneralInfo.shipping_method_list', many: true },
];

export const builtInModelMappings: readonly ModelMapping[] = [userProfileMapping, addressMapping, creditCardMapping, shippingMethodMapping];
