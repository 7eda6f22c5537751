import type { ModelMapping, RelationshipMapping } from './ModelMapping.js';

const general = (name: string) => ({ profile: `GeneralInfo.${name}` });

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
    creditCardIdentifier: { profile: 'GeneralInfo.last_4_digits', readOnly: true },
    expirationMonth: general('expiration_month'),
    expirationYear: general('expiration_year'),
    billingAddressId: { profile: 'GeneralInfo.billing_address', reference: 'Address' },
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
    accountStatus: { profile: 'AccountInfo.account_status' },
    preferredAddressId: { profile: 'GeneralInfo.preferred_address', reference: 'PreferredAddress' },
    preferredCreditCardId: { profile: 'GeneralInfo.preferred_credit_card', reference: 'PreferredCreditCard' },
    dateCreated: { profile: 'ProfileSystem.date_created', readOnly: true },
    dateModified: { profile: 'ProfileSystem.date_last_changed', readOnly: true },
  },
};

/** The relationships of UserProfile, each stored in one property of the UserObject profile. */
export const userProfileRelationships = {
  Addresses: { name: 'Addresses', model: addressMapping, profileProperty: 'GeneralInfo.address_list', many: true },
  PreferredAddress: { name: 'PreferredAddress', model: addressMapping, profileProperty: 'GeneralInfo.preferred_address', many: false },
  CreditCards: { name: 'CreditCards', model: creditCardMapping, profileProperty: 'GeneralInfo.credit_card_list', many: true },
  PreferredCreditCard: { name: 'PreferredCreditCard', model: creditCardMapping, profileProperty: 'GeneralInfo.preferred_credit_card', many: false },
  ShippingMethods: { name: 'ShippingMethods', model: shippingMethodMapping, profileProperty: 'GeneralInfo.shipping_method_list', many: true },
} as const satisfies Record<string, RelationshipMapping>;

/** A relationship of UserProfile by the name requests use, or undefined. */
export function userProfileRelationship(name: string): RelationshipMapping | undefined {
  return (userProfileRelationships as Record<string, RelationshipMapping>)[name];
}

export const modelMappings: readonly ModelMapping[] = [userProfileMapping, addressMapping, creditCardMapping, shippingMethodMapping];
