import { fileURLToPath } from 'node:url';
import {
  CommerceCreate,
  CommerceCreateRelatedItem,
  CommerceDelete,
  CommerceQueryRelatedItem,
  createCommerceFoundation,
  type Address,
  type CommerceFoundation,
  type CommerceFoundationOptions,
  type UserProfile,
} from 'commerce-foundation';

/** The example app's folder: its config/ and sequences/. */
export const shopRoot = fileURLToPath(new URL('..', import.meta.url));

/** Starts the shop: the framework with the shop's sequences, and the components config/commerce.json names. */
export function openShop(options: Omit<CommerceFoundationOptions, 'root' | 'components'> = {}): Promise<CommerceFoundation> {
  return createCommerceFoundation({ ...options, root: shopRoot });
}

export async function registerCustomer(shop: CommerceFoundation, email: string, home: Partial<Address>): Promise<UserProfile> {
  const create = new CommerceCreate<UserProfile>('UserProfile');
  create.model.email = email;
  const address = new CommerceCreateRelatedItem<Address>('PreferredAddress');
  address.model = home;
  create.relatedOperations.push(address);
  const { operationResponses } = await shop.processRequest(create, { channel: 'web' });
  const customer = operationResponses[0].commerceEntity;
  if (!customer) throw new Error('the shop did not create the customer');
  return customer;
}

/** Closes an account: the customer goes, with the addresses no one else uses; the audit trail records it. */
export async function closeAccount(shop: CommerceFoundation, email: string): Promise<{ closed: number; addresses: string[] }> {
  const del = new CommerceDelete<UserProfile>('UserProfile');
  del.searchCriteria.model.email = email;
  del.relatedOperations.push(new CommerceQueryRelatedItem<Address>('Addresses'));
  const { operationResponses } = await shop.processRequest(del, { channel: 'support' });
  const [response] = operationResponses;
  return { closed: response.count, addresses: response.commerceEntities.flatMap((u) => u.addresses?.map((a) => a.id) ?? []) };
}
