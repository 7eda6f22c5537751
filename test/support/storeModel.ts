import {
  CommerceCreate,
  CommerceDelete,
  CommerceDeleteRelatedItem,
  CommerceQuery,
  CommerceQueryRelatedItem,
  CommerceUpdate,
  CommerceUpdateRelatedItem,
  type CommerceFoundation,
  type CommerceOperation,
  type CommerceRelatedOperation,
} from '../../src/index.js';
import { testEncryptionKey } from './userProfiles.js';

/** A model of the tests' own, declared in data alone: a store with addresses (one preferred), cards and a manager. */
export interface Store {
  modelName?: string;
  id: string;
  code: string;
  name: string;
  email?: string;
  rating?: number;
  floors?: number;
  status?: 'Open' | 'Closed';
  managerId?: string | null;
  preferredAddressId?: string;
  dateCreated?: string;
  addresses?: { id: string; city?: string; [key: string]: unknown }[];
  preferredAddress?: { id: string };
  cards?: { id: string; [key: string]: unknown }[];
  totalItemCounts?: Record<string, number>;
}

export const storeDefinition = {
  name: 'Store',
  properties: [
    { name: 'GeneralInfo.store_id', type: 'string', keys: ['DUAL'], maxLength: 64 },
    { name: 'GeneralInfo.code', type: 'string', keys: ['UNIQUE'], maxLength: 16 },
    { name: 'GeneralInfo.name', type: 'string', maxLength: 128 },
    { name: 'GeneralInfo.email', type: 'string', maxLength: 128 },
    { name: 'GeneralInfo.rating', type: 'number' },
    { name: 'GeneralInfo.floors', type: 'number' },
    { name: 'GeneralInfo.status', type: 'string', maxLength: 16 },
    { name: 'GeneralInfo.manager', type: 'profile', references: 'UserObject' },
    { name: 'GeneralInfo.preferred_address', type: 'profile', references: 'Address' },
    { name: 'GeneralInfo.address_list', type: 'profile', references: 'Address', multiValued: true },
    { name: 'GeneralInfo.card_list', type: 'profile', references: 'CreditCard', multiValued: true },
    { name: 'ProfileSystem.date_created', type: 'datetime' },
  ],
};

export const storeModel = {
  name: 'Store',
  profile: 'Store',
  properties: {
    id: { profile: 'GeneralInfo.store_id' },
    code: { profile: 'GeneralInfo.code', required: true, pattern: '[A-Z]{2}-[0-9]{3}' },
    name: { profile: 'GeneralInfo.name', type: 'string', required: true, minLength: 2, maxLength: 40 },
    email: { profile: 'GeneralInfo.email', format: 'email' },
    rating: { profile: 'GeneralInfo.rating', type: 'number', minimum: 0, maximum: 5 },
    floors: { profile: 'GeneralInfo.floors', integer: true },
    status: { profile: 'GeneralInfo.status', enum: ['Open', 'Closed'], default: 'Open' },
    managerId: { profile: 'GeneralInfo.manager', references: 'UserObject' },
    preferredAddressId: { profile: 'GeneralInfo.preferred_address' },
    dateCreated: { profile: 'ProfileSystem.date_created', readOnly: true },
  },
  relationships: {
    Addresses: { model: 'Address', profile: 'GeneralInfo.address_list', deleteWhenUnused: true },
    PreferredAddress: { model: 'Address', profile: 'GeneralInfo.preferred_address', single: true, oneOf: 'Addresses', deleteWhenUnused: true },
    Cards: { model: 'CreditCard', profile: 'GeneralInfo.card_list', deleteWhenUnused: true },
  },
};

export const storeRelationships = Object.keys(storeModel.relationships);

/** The four sequence files of a model run by the generic components, handling `relationships`. */
export function genericSequences(model: string, relationships: readonly string[]): Record<string, unknown> {
  const related = (name: string) => ({ name, configuration: { relationships } });
  const write = [{ name: 'ModelLoader' }, related('RelatedItemsProcessor'), { name: 'ModelCommitter' }, { name: 'ModelResponseBuilder' }, related('RelatedItemsResponseBuilder')];
  const read = [{ name: 'ModelLoader' }, { name: 'ModelResponseBuilder' }, related('RelatedItemsResponseBuilder')];
  return Object.fromEntries(
    (['Create', 'Update', 'Delete', 'Query'] as const).map((op) => [`sequences/Commerce${op}Operation_${model}.json`, { components: op === 'Query' ? read : write }]),
  );
}

/** A temp app's files declaring the Store model (with `model` in place of the file above when given), and more `files`. */
export function storeFiles(files: Record<string, unknown> = {}, model: object = storeModel): Record<string, unknown> {
  return {
    'config/commerce.json': { encryptionKey: testEncryptionKey },
    'config/profiles/Store.json': storeDefinition,
    'config/models/Store.json': model,
    ...genericSequences('Store', storeRelationships),
    ...files,
  };
}

/** A store's required values; its code (a UNIQUE key, `[A-Z]{2}-[0-9]{3}`) made from its id. */
export function storeValues(id: string, overrides: Partial<Store> = {}): Partial<Store> {
  const code = Array.from(id).reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) % 1000, 7);
  return { id, code: `ST-${String(code).padStart(3, '0')}`, name: `Store ${id}`, ...overrides };
}

export type KeyedOperation = CommerceQuery<object> | CommerceUpdate<object> | CommerceDelete<object>;

/** An operation on a model found by one key, with related operations (or related queries, by name) after it. */
export function byKey<Op extends KeyedOperation>(
  Kind: new (modelName: string) => Op,
  modelName: string,
  key: Record<string, unknown>,
  ...related: (CommerceRelatedOperation<object> | string)[]
): Op {
  const op = new Kind(modelName);
  op.searchCriteria.model = key;
  op.relatedOperations.push(...related.map((r) => (typeof r === 'string' ? new CommerceQueryRelatedItem(r) : r)));
  return op;
}

export function updateItem(relationship: string, id: string, model: Record<string, unknown>): CommerceUpdateRelatedItem<object> {
  const op = new CommerceUpdateRelatedItem<object>(relationship);
  op.searchCriteria.model = { id };
  op.model = model;
  return op;
}

export function removeItem(relationship: string, id: string): CommerceDeleteRelatedItem<object> {
  const op = new CommerceDeleteRelatedItem<object>(relationship);
  op.searchCriteria.model = { id };
  return op;
}

/** Creates an entity of any model through its Create sequence; `related` as for byKey. */
export async function createEntity<T extends object>(foundation: CommerceFoundation, modelName: string, model: Partial<T>, ...related: CommerceRelatedOperation<object>[]): Promise<T> {
  const create = new CommerceCreate<T>(modelName);
  create.model = model;
  create.relatedOperations.push(...related);
  const entity = (await foundation.processRequest(create)).operationResponses[0].commerceEntity;
  if (!entity) throw new Error(`no ${modelName} created`);
  return entity;
}

/** The one entity an operation answers with. */
export async function entityOf<T = Store>(foundation: CommerceFoundation, op: KeyedOperation): Promise<T | undefined> {
  return (await foundation.processRequest(op)).operationResponses[0].commerceEntities[0] as T | undefined;
}

export const faultOf = (foundation: CommerceFoundation, op: CommerceOperation<object>) => foundation.processRequest(op).catch((e: unknown) => e);

/** The ids in a table, read past every cache. */
export const idsIn = (foundation: CommerceFoundation, table: string, column: string) => foundation.knex(table).orderBy(column).pluck(column) as Promise<string[]>;
