import {
  CommerceCreate,
  CommerceCreateRelatedItem,
  CommerceDelete,
  CommerceDeleteRelatedItem,
  CommerceQuery,
  CommerceQueryRelatedItem,
  CommerceUpdate,
  type Address,
  type CommerceOperation,
  type CreditCard,
  type UserProfile,
} from '../../index.js';

export interface DemoStep {
  readonly title: string;
  readonly operation: CommerceOperation<object>;
  /** Empty the profile cache first, to show what a cold read sends. */
  readonly coldCache?: boolean;
}

const place = (id: string, addressName: string, line1: string, city: string, zipPostalCode: string): Partial<Address> => ({
  id,
  addressName,
  line1,
  city,
  stateProvinceCode: city.slice(0, 2).toUpperCase(),
  zipPostalCode,
  countryRegionCode: 'NO',
});

function relatedItem<T extends object>(relationship: string, model: Partial<T>): CommerceCreateRelatedItem<T> {
  const op = new CommerceCreateRelatedItem<T>(relationship);
  op.model = model;
  return op;
}

function user(id: string, firstName: string, ...related: CommerceOperation['relatedOperations']): CommerceCreate<UserProfile> {
  const op = new CommerceCreate<UserProfile>('UserProfile');
  op.model = { id, email: `${id}@example.com`, firstName, lastName: 'Demo' };
  op.relatedOperations.push(...related, new CommerceQueryRelatedItem('Addresses'), new CommerceQueryRelatedItem('CreditCards'));
  return op;
}

function query(key: 'id' | 'email', value: string, ...relationships: string[]): CommerceQuery<UserProfile> {
  const op = new CommerceQuery<UserProfile>('UserProfile');
  op.searchCriteria.model[key] = value;
  for (const name of relationships) op.relatedOperations.push(new CommerceQueryRelatedItem(name));
  return op;
}

function remove(key: 'id' | 'email', value: string): CommerceDelete<UserProfile> {
  const op = new CommerceDelete<UserProfile>('UserProfile');
  op.searchCriteria.model[key] = value;
  op.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'));
  return op;
}

function updateBob(): CommerceUpdate<UserProfile> {
  const op = new CommerceUpdate<UserProfile>('UserProfile');
  op.searchCriteria.model.id = 'bob';
  op.model.lastName = 'Berg';
  const drop = new CommerceDeleteRelatedItem<Address>('Addresses');
  drop.searchCriteria.model.id = 'bob-cabin';
  op.relatedOperations.push(relatedItem<Address>('Addresses', place('bob-boat', 'Boat', 'Pier 3', 'Tromsø', '9008')), drop, new CommerceQueryRelatedItem('Addresses'));
  return op;
}

/** A model declared in data (modules/organization): TypeScript learns its shape from an interface of one's own. */
interface Organization {
  id: string;
  name: string;
  tradeName: string;
}

function createAcme(): CommerceCreate<Organization> {
  const op = new CommerceCreate<Organization>('Organization');
  op.model = { id: 'acme', name: 'Acme', tradeName: 'Acme AS' };
  op.relatedOperations.push(relatedItem<Address>('Addresses', { id: 'office' }), new CommerceQueryRelatedItem('Addresses'));
  return op;
}

function joinAcme(): CommerceUpdate<UserProfile> {
  const op = new CommerceUpdate<UserProfile>('UserProfile');
  op.searchCriteria.model.id = 'cid';
  op.model.organizationId = 'acme';
  return op;
}

const visa: Partial<CreditCard> = { id: 'visa', creditCardNumber: '4111 1111 1111 1111', expirationMonth: 12, expirationYear: 2031, billingAddressId: 'home', displayName: 'Family Visa' };
const master: Partial<CreditCard> = { id: 'master', creditCardNumber: '5500 0000 0000 0004', expirationMonth: 6, expirationYear: 2030, billingAddressId: 'cid-flat', displayName: 'Cid Mastercard' };

/** Create, Query, Update and Delete of users who share addresses and cards. */
export const demoSteps: readonly DemoStep[] = [
  {
    title: 'Create Ann: a new home (preferred), office and old flat, a new Visa card billed to home, standard shipping',
    operation: user(
      'ann',
      'Ann',
      relatedItem<Address>('PreferredAddress', place('home', 'Home', 'Storgata 1', 'Oslo', '0155')),
      relatedItem<Address>('Addresses', place('office', 'Office', 'Kongens gate 9', 'Oslo', '0153')),
      relatedItem<Address>('Addresses', place('ann-old', 'Old flat', 'Vika 4', 'Bergen', '5003')),
      relatedItem<CreditCard>('CreditCards', visa),
      relatedItem('ShippingMethods', { id: 'standard' }),
    ),
  },
  {
    title: "Create Bob: shares Ann's home and Visa card (associated by id), with a cabin of his own",
    operation: user(
      'bob',
      'Bob',
      relatedItem<Address>('Addresses', { id: 'home' }),
      relatedItem<Address>('Addresses', place('bob-cabin', 'Cabin', 'Fjellveien 2', 'Geilo', '3580')),
      relatedItem<CreditCard>('CreditCards', { id: 'visa' }),
      relatedItem('ShippingMethods', { id: 'express' }),
    ),
  },
  {
    title: "Create Cid: shares Ann's office, with a flat and a Mastercard of his own",
    operation: user(
      'cid',
      'Cid',
      relatedItem<Address>('Addresses', { id: 'office' }),
      relatedItem<Address>('Addresses', place('cid-flat', 'Flat', 'Torget 5', 'Trondheim', '7011')),
      relatedItem<CreditCard>('CreditCards', master),
    ),
  },
  {
    title: 'Query Ann by email, with addresses, cards, shipping methods and the preferred address (cache emptied first)',
    operation: query('email', 'ann@example.com', 'Addresses', 'CreditCards', 'ShippingMethods', 'PreferredAddress'),
    coldCache: true,
  },
  { title: 'The same query again: everything comes from the profile cache', operation: query('email', 'ann@example.com', 'Addresses', 'CreditCards', 'ShippingMethods', 'PreferredAddress') },
  { title: 'Update Bob: new last name, a new boat address, the cabin removed (no one else uses it: deleted)', operation: updateBob() },
  { title: "Create the organization Acme (a model declared in data alone): its address is Ann's office, shared", operation: createAcme() },
  { title: 'Cid joins Acme: his organizationId names it (checked to exist, and locked until the update commits)', operation: joinAcme() },
  { title: 'Delete Ann: home and Visa stay with Bob, the office with Cid and Acme; her old flat goes', operation: remove('email', 'ann@example.com') },
  { title: 'Delete a user that does not exist: no fault, the count stays 0', operation: remove('id', 'nobody') },
  { title: 'Query Bob: the home and the Visa card he shared with Ann are still his', operation: query('id', 'bob', 'Addresses', 'CreditCards') },
];
