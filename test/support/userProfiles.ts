import {
  CommerceCreate,
  CommerceCreateRelatedItem,
  CommerceDelete,
  CommerceQuery,
  CommerceQueryRelatedItem,
  type Address,
  type CommerceFoundation,
  type CreditCard,
  type UserProfile,
} from '../../src/index.js';

export const testEncryptionKey = '0f'.repeat(32);
export const visaNumber = '4111 1111 1111 1111';

export function addressModel(id: string, overrides: Partial<Address> = {}): Partial<Address> {
  return {
    id,
    addressName: `Address ${id}`,
    line1: `${id} Main Street`,
    city: 'Oslo',
    stateProvinceCode: 'OS',
    zipPostalCode: '0150',
    countryRegionCode: 'NO',
    ...overrides,
  };
}

export function cardModel(id: string, overrides: Partial<CreditCard> = {}): Partial<CreditCard> {
  return { id, creditCardNumber: visaNumber, expirationMonth: 12, expirationYear: 2031, displayName: `Card ${id}`, ...overrides };
}

export function related<T extends object>(relationshipName: string, model: Partial<T>): CommerceCreateRelatedItem<T> {
  const op = new CommerceCreateRelatedItem<T>(relationshipName);
  op.model = model;
  return op;
}

export interface UserSpec {
  readonly id: string;
  readonly email?: string;
  /** New addresses (full models) or existing ones (ids). */
  readonly addresses?: readonly (string | Partial<Address>)[];
  readonly cards?: readonly (string | Partial<CreditCard>)[];
  readonly shippingMethods?: readonly string[];
  readonly extra?: Partial<UserProfile>;
}

/** Creates a user through the shipped Create sequence. */
export async function createUser(foundation: CommerceFoundation, spec: UserSpec): Promise<UserProfile> {
  const create = new CommerceCreate<UserProfile>('UserProfile');
  Object.assign(create.model, { id: spec.id, email: spec.email ?? `${spec.id}@example.com`, ...spec.extra });
  const asModel = <T extends { id: string }>(item: string | Partial<T>): Partial<T> => (typeof item === 'string' ? ({ id: item } as Partial<T>) : item);
  for (const a of spec.addresses ?? []) create.relatedOperations.push(related<Address>('Addresses', asModel<Address>(a)));
  for (const c of spec.cards ?? []) create.relatedOperations.push(related<CreditCard>('CreditCards', asModel<CreditCard>(c)));
  for (const m of spec.shippingMethods ?? []) create.relatedOperations.push(related('ShippingMethods', { id: m }));
  const response = await foundation.processRequest(create);
  const entity = response.operationResponses[0].commerceEntity;
  if (!entity) throw new Error('no entity created');
  return entity;
}

/** Shipping methods are shared catalogue data: made directly as profiles. */
export async function createShippingMethods(foundation: CommerceFoundation, ids: readonly string[]): Promise<void> {
  const { profiles } = foundation;
  await profiles.saveProfiles(ids.map((id) => profiles.newProfile(id, 'ShippingMethod').set('GeneralInfo.name', `Method ${id}`)));
}

export function deleteBy(key: 'id' | 'email', value: string, ...relationships: string[]): CommerceDelete<UserProfile> {
  const del = new CommerceDelete<UserProfile>('UserProfile');
  del.searchCriteria.model[key] = value;
  for (const name of relationships) del.relatedOperations.push(new CommerceQueryRelatedItem(name));
  return del;
}

export function queryBy(key: 'id' | 'email', value: string, ...relationships: string[]): CommerceQuery<UserProfile> {
  const query = new CommerceQuery<UserProfile>('UserProfile');
  query.searchCriteria.model[key] = value;
  for (const name of relationships) query.relatedOperations.push(new CommerceQueryRelatedItem(name));
  return query;
}

interface Link {
  owner_key: string;
  item_key: string;
}

/** What the store holds, read past every cache. */
export async function storedIds(foundation: CommerceFoundation) {
  const { knex } = foundation;
  const column = async (table: string, name: string) => ((await knex(table).select(name).orderBy(name)) as Record<string, unknown>[]).map((r) => String(r[name]));
  return {
    users: await column('user_object', 'user_id'),
    addresses: await column('address', 'address_id'),
    cards: await column('credit_card', 'id'),
    shippingMethods: await column('shipping_method', 'shipping_method_id'),
    addressLinks: ((await knex('user_object_address_list').select('owner_key', 'item_key').orderBy(['owner_key', 'item_key'])) as Link[]).map((r) => `${r.owner_key}:${r.item_key}`),
  };
}
