import type { CommerceOperationResponse } from '../../index.js';

type Entity = Record<string, unknown>;
const ids = (items: unknown) => (Array.isArray(items) ? items.map((i) => (i as Entity)['id']).join(', ') : '');

function describeUser(user: Entity): string {
  const parts = [`${String(user['id'])} <${String(user['email'])}> ${[user['firstName'], user['lastName']].filter(Boolean).join(' ')}`];
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
  if (r.commerceEntity) lines.push(describeUser(r.commerceEntity));
  for (const entity of r.commerceEntities ?? []) lines.push(describeUser(entity));
  if (lines.length === 0) lines.push('no users');
  return lines.map((line) => `    → ${line}`).join('\n');
}
