import { CommerceOperation } from '../requests/CommerceOperation.js';
import { maxRequestDepth } from '../requests/inputErrors.js';
import type { RequestContext } from '../requests/RequestContext.js';
import { CommerceRelatedOperation } from '../requests/related/CommerceRelatedOperation.js';
import { modelNamePattern, propertyNamePattern } from '../requests/requestJsonSchema.js';
import { isWellFormedText } from '../util/isWellFormedText.js';

/*
 * The common shapes of an operation, recognised in one walk without zod: when `isCleanOperation` says yes, the walk
 * for unsafe input (inputErrors) would find nothing and operationJsonSchema would accept the operation, so both are
 * skipped. It says no to anything it is not sure of — a filter, a value that is not a scalar, an object of another
 * kind — and validateOperation then runs both, which alone word the faults. It never accepts what either refuses:
 * every test below is as strict as the schema's, or stricter.
 */

type Values = Record<string, unknown>;

// Maps, not objects: a request's `operation` may be any text, `constructor` among them.
const operationKeys = new Map<unknown, ReadonlySet<string>>([
  ['CommerceQuery', new Set(['operation', 'modelName', 'relatedOperations', 'searchCriteria', 'propertiesToReturn'])],
  ['CommerceCreate', new Set(['operation', 'modelName', 'relatedOperations', 'model'])],
  ['CommerceUpdate', new Set(['operation', 'modelName', 'relatedOperations', 'searchCriteria', 'model'])],
  ['CommerceDelete', new Set(['operation', 'modelName', 'relatedOperations', 'searchCriteria'])],
]);

/** Each related operation's keys, and whether it must have searchCriteria and a model (the schema has no default for them). */
const relatedBase = ['operation', 'relationshipName', 'modelName', 'relatedOperations'];
const relatedShapes = new Map<unknown, { keys: ReadonlySet<string>; search: boolean; model: boolean }>([
  ['CommerceQueryRelatedItem', { keys: new Set([...relatedBase, 'searchCriteria', 'propertiesToReturn']), search: false, model: false }],
  ['CommerceCreateRelatedItem', { keys: new Set([...relatedBase, 'model']), search: false, model: true }],
  ['CommerceUpdateRelatedItem', { keys: new Set([...relatedBase, 'searchCriteria', 'model']), search: true, model: true }],
  ['CommerceDeleteRelatedItem', { keys: new Set([...relatedBase, 'searchCriteria']), search: true, model: false }],
]);

const sortKeys = new Set(['property', 'sortDirection']);
const searchKeys = new Set(['model', 'filter', 'firstItemIndex', 'numberOfItemsToReturn', 'returnTotalItemCount', 'sortProperties']);

/** An object both zod's `isPlainObject` and inputErrors take as plain: made by `{}`, JSON.parse or `Object.create(null)`. */
function isPlain(value: unknown): value is Values {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Every key enumerable (own or inherited) is one of `keys`. */
function onlyKeys(value: object, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

/** An array with nothing but its elements: no hole, no property of its own beside them (inputErrors walks those). */
function isDenseArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.keys(value).length === value.length;
}

const isIndex = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);

/**
 * A model or an example: a plain object of well-formed names (none `__proto__`) to scalars, text well-formed, and no
 * symbol key (the record schema reads symbols too; zod's objects and inputErrors do not, so only here).
 */
function isCleanValues(values: unknown, level: number): boolean {
  if (!isPlain(values) || level > maxRequestDepth || Object.getOwnPropertySymbols(values).length) return false;
  for (const key in values) {
    if (key === '__proto__' || !isWellFormedText(key)) return false;
    const value = values[key];
    if (typeof value === 'string' ? !isWellFormedText(value) : typeof value === 'object' || typeof value === 'function') {
      if (value !== null) return false;
    }
  }
  return true;
}

function isCleanNames(names: unknown, level: number): boolean {
  if (names === undefined) return true;
  if (!isDenseArray(names) || level > maxRequestDepth) return false;
  for (const name of names) if (typeof name !== 'string' || !propertyNamePattern.test(name)) return false;
  return true;
}

function isCleanSearch(search: unknown, level: number): boolean {
  if (!isPlain(search) || level > maxRequestDepth || !onlyKeys(search, searchKeys)) return false;
  if (search['filter'] !== undefined) return false;
  if (search['model'] !== undefined && !isCleanValues(search['model'], level + 1)) return false;
  if (!isIndex(search['firstItemIndex']) || !isIndex(search['numberOfItemsToReturn'])) return false;
  const total = search['returnTotalItemCount'];
  if (total !== undefined && typeof total !== 'boolean') return false;
  const sort = search['sortProperties'];
  if (sort === undefined) return true;
  if (!isDenseArray(sort) || level + 1 > maxRequestDepth) return false;
  for (const item of sort) {
    if (!isPlain(item) || level + 2 > maxRequestDepth) return false;
    const { property, sortDirection } = item;
    if (!onlyKeys(item, sortKeys) || typeof property !== 'string' || !propertyNamePattern.test(property)) return false;
    if (sortDirection !== 'Ascending' && sortDirection !== 'Descending') return false;
  }
  return true;
}


const isName = (value: unknown) => typeof value === 'string' && modelNamePattern.test(value);

function isCleanRelatedList(related: unknown, level: number): boolean {
  if (related === undefined) return true;
  if (!isDenseArray(related) || level > maxRequestDepth) return false;
  for (const op of related) if (!isCleanRelated(op, level + 1)) return false;
  return true;
}

function isCleanRelated(op: unknown, level: number): boolean {
  if (!(op instanceof CommerceRelatedOperation || isPlain(op)) || level > maxRequestDepth) return false;
  const o = op as unknown as Values;
  const shape = relatedShapes.get(o['operation']);
  if (!shape || !onlyKeys(o, shape.keys)) return false;
  if (!isName(o['relationshipName']) || (o['modelName'] !== undefined && !isName(o['modelName']))) return false;
  const search = o['searchCriteria'];
  if (search === undefined ? shape.search : !isCleanSearch(search, level + 1)) return false;
  const model = o['model'];
  if (model === undefined ? shape.model : !isCleanValues(model, level + 1)) return false;
  return isCleanNames(o['propertiesToReturn'], level + 1) && isCleanRelatedList(o['relatedOperations'], level + 1);
}

/**
 * Whether `operation` (at `level` in its request's JSON form) is surely clean: nothing for inputErrors to report and
 * a shape operationJsonSchema accepts. False means only "not sure": the full checks decide.
 */
export function isCleanOperation(operation: CommerceOperation<object>, level: number): boolean {
  const o = operation as unknown as Values;
  if (!(operation instanceof CommerceOperation || isPlain(operation)) || level > maxRequestDepth) return false;
  const keys = operationKeys.get(o['operation']);
  if (!keys || !onlyKeys(o, keys) || !isName(o['modelName'])) return false;
  const search = o['searchCriteria'];
  if (search !== undefined && !isCleanSearch(search, level + 1)) return false;
  const model = o['model'];
  if (model !== undefined && !isCleanValues(model, level + 1)) return false;
  return isCleanNames(o['propertiesToReturn'], level + 1) && isCleanRelatedList(o['relatedOperations'], level + 1);
}

const contextKeys = new Set(['channel', 'userId', 'roles', 'userLocale', 'userUILocale', 'requestId', 'properties', 'trace']);
const contextTexts = ['channel', 'userId', 'userLocale', 'userUILocale', 'requestId'] as const;

/**
 * The request context as requestContextSchema would give it back, when it surely accepts it and inputErrors finds
 * nothing in it (at `level`): a plain object of the known keys, text well-formed, `properties` (if any) a plain object
 * of scalars. Like the schema's, the copy is the context's own: the caller changing its object later changes nothing.
 * Undefined means only "not sure": the full checks decide, and word the faults.
 */
export function cleanRequestContext(context: unknown, level: number): RequestContext | undefined {
  if (!isPlain(context) || level > maxRequestDepth || !onlyKeys(context, contextKeys)) return undefined;
  for (const key of contextTexts) {
    const text = context[key];
    if (text !== undefined && (typeof text !== 'string' || !isWellFormedText(text))) return undefined;
  }
  const { roles, properties, trace } = context;
  if (trace !== undefined && typeof trace !== 'boolean') return undefined;
  if (roles !== undefined) {
    if (!isDenseArray(roles) || level + 1 > maxRequestDepth) return undefined;
    for (const role of roles) if (typeof role !== 'string' || !isWellFormedText(role)) return undefined;
  }
  if (properties !== undefined && !isCleanValues(properties, level + 1)) return undefined;
  // In the schema's order of keys; zod's object leaves out an optional key the input does not hold, and keeps one
  // it holds as undefined.
  const copy: Values = {};
  for (const key of contextKeys) {
    if (!(key in context)) continue;
    const value = context[key];
    copy[key] = value === undefined ? value : key === 'roles' ? [...(value as string[])] : key === 'properties' ? { ...(value as Values) } : value;
  }
  return copy;
}
