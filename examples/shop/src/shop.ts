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
import { AuditTrail, auditTable } from './AuditTrail.js';

/** The example app's folder: its config/ and sequences/. */
export const shopRoot = fileURLToPath(new URL('..', import.meta.url));

/** Starts the shop: the framework with the shop's sequences and component, and the audit table. */
export async function openShop(options: Omit<CommerceFoundationOptions, 'root' | 'components'> = {}): Promise<CommerceFoundation> {
  const foundation = await createCommerceFoundation({ ...options, root: shopRoot, components: { AuditTrail } });
  if (!(await foundation.knex.schema.hasTable(auditTable))) {
    await foundation.knex.schema.createTable(auditTable, (t) => {
      t.increments('id');
      t.string('user_id', 64).notNullable();
      t.string('action', 64).notNullable();
      t.string('handler', 128).notNullable();
      t.string('channel', 64).notNullable();
      t.string('at', 32).notNullable();
    });
  }
  return foundation;
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
