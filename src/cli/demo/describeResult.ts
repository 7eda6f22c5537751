import type { CommerceOperationResponse } from '../../index.js';

type Entity = Record<string, unknown>;
const ids = (items: unknown) => (Array.isArray(items) ? items.map((i) => (i as Entity)['id']).join(', ') : '');

function describeEntity(entity: Entity): string {
  return entity['modelName'] === 'Organization' ? describeOrganization(entity) : describeUser(entity);
}

function describeOrganization(organization: Entity): string {
  const parts = [`${String(organization['id'])}: ${String(organization['name'])} (${String(organization['tradeName'])}), ${String(organization['status'])}`];
  if (organization['addresses']) parts.push(`addresses: ${ids(organization['addresses']) || 'none'}`);
  return parts.join('\n      ');
}

function describeUser(user: Entity): string {
  const parts = [`${String(user['id'])} <${String(user['email'])}> ${[user['firstName'], user['lastName']].filter(Boolean).join(' ')}`];
  const organization = user['organizationId'];
  if (typeof organization === 'string') parts.push(`organization: ${organization}`);
  if (user['addresses']) parts.push(`addresses: ${ids(user['addresses']) || 'none'}`);
  const cards = user['creditCards'] as Entity[] | undefined;
  if (cards) parts.push(`cards: ${cards.map((c) => `${String(c['id'])} ${String(c['creditCardNumber'])}`).join(', ') || 'none'}`);
  if (user['shippingMethods']) parts.push(`shipping: ${ids(user['shippingMethods'])}`);
  const preferred = user['preferredAddress'] as Entity | undefined;
  if (preferred) parts.push(`preferred address: ${String(preferred['id'])} (${String(preferred['city'])})`);
  return parts.join('\n      ');
}

/** An operation response in a few readable lines. */
export function describeResult(response: CommerceOperationResponse): string {
  const r = response as { count?: number; commerceEntities?: Entity[]; commerceEntity?: Entity };
  const lines: string[] = [];
  if (r.count !== undefined) lines.push(`deleted: ${r.count}`);
  if (r.commerceEntity) lines.push(describeEntity(r.commerceEntity));
  for (const entity of r.commerceEntities ?? []) lines.push(describeEntity(entity));
  if (lines.length === 0) lines.push('no users');
  return lines.map((line) => `    → ${line}`).join('\n');
}
