import { cleanRequestContext, isCleanOperation } from '../../src/pipeline/cleanOperation.js';
import { inputErrors, maxRequestDepth, operationLevel, requestContextLevel } from '../../src/requests/inputErrors.js';
import { requestContextSchema } from '../../src/requests/RequestContext.js';
import { operationJsonSchema } from '../../src/requests/requestJsonSchema.js';
import { withNestedAddressQueries } from '../support/nestedRelated.js';
import {
  CommerceCreate,
  CommerceCreateRelatedItem,
  CommerceDelete,
  CommerceDeleteRelatedItem,
  CommerceQuery,
  CommerceQueryRelatedItem,
  CommerceRequest,
  CommerceUpdate,
  CommerceUpdateRelatedItem,
  type CommerceOperation,
} from '../../src/index.js';

type Op = CommerceOperation<object>;
const lone = 'Ann\uD800';

/** What the full checks say of an operation: whether inputErrors and the operation's schema both let it through. */
const fullyAccepted = (op: unknown) => inputErrors(op, '', operationLevel).length === 0 && operationJsonSchema.safeParse(op).success;

function query(): CommerceQuery {
  const op = new CommerceQuery('UserProfile');
  op.searchCriteria.model = { email: 'ann@example.com' };
  op.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'), new CommerceQueryRelatedItem('CreditCards'));
  return op;
}

function create(): CommerceCreate {
  const op = new CommerceCreate('UserProfile');
  op.model = { id: 'u1', email: 'ann@example.com', firstName: 'Ann', accountStatus: 1, active: true, note: null };
  const address = new CommerceCreateRelatedItem('Addresses');
  address.model = { id: 'a1', city: 'Oslo' };
  const existing = new CommerceCreateRelatedItem('Addresses');
  existing.model = { id: 'shared' };
  op.relatedOperations.push(address, existing);
  return op;
}

function update(): CommerceUpdate {
  const op = new CommerceUpdate('UserProfile');
  op.searchCriteria.model = { id: 'u1' };
  op.model = { firstName: 'Ann' };
  const changed = new CommerceUpdateRelatedItem('Addresses');
  changed.searchCriteria.model = { id: 'a1' };
  changed.model = { city: 'Bergen' };
  op.relatedOperations.push(changed, new CommerceDeleteRelatedItem('CreditCards'));
  (op.relatedOperations[1] as CommerceDeleteRelatedItem).searchCriteria.model = { id: 'c1' };
  return op;
}

function remove(): CommerceDelete {
  const op = new CommerceDelete('UserProfile');
  op.searchCriteria.model = { email: 'ann@example.com' };
  op.searchCriteria.sortProperties.push({ property: 'lastName', sortDirection: 'Descending' });
  op.searchCriteria.firstItemIndex = 0;
  op.searchCriteria.numberOfItemsToReturn = 10;
  op.searchCriteria.returnTotalItemCount = true;
  return op;
}

describe('the clean-operation walk that spares the common shapes of requests zod and the unsafe-input walk', () => {
  test('the operations apps send most are found clean, built in code or from JSON text, so no schema parses them', () => {
    const common: Op[] = [query(), create(), update(), remove(), new CommerceQuery('Noop')];
    for (const op of common) expect(isCleanOperation(op, operationLevel)).toBe(true);
    const fromJson = CommerceRequest.fromJSON(JSON.stringify(new CommerceRequest(common).toJSON()));
    for (const op of fromJson.operations) expect(isCleanOperation(op, operationLevel)).toBe(true);
    // As plain JSON objects (the form the HTTP service's bodies take before they are built), too.
    for (const op of common) expect(isCleanOperation(JSON.parse(JSON.stringify(op.toJSON())) as Op, operationLevel)).toBe(true);
  });

  // Each makes a clean operation into one the full checks refuse (or one the walk cannot be sure of): the walk must
  // never call it clean, so that the full checks word its fault.
  const refused: [string, () => unknown][] = [
    ['a lone surrogate in a value', () => Object.assign(query(), { searchCriteria: { model: { email: lone }, sortProperties: [] } })],
    ['a lone surrogate in a property name', () => Object.assign(create(), { model: { [lone]: 'x' } })],
    ['a __proto__ key in a model (as JSON.parse keeps it)', () => Object.assign(create(), { model: JSON.parse('{"__proto__": {"x": 1}, "id": "u1"}') as object })],
    ['a __proto__ key in an example', () => Object.assign(query(), { searchCriteria: { model: JSON.parse('{"__proto__": 1}') as object, sortProperties: [] } })],
    ['a symbol key in a model', () => Object.assign(create(), { model: { id: 'u1', [Symbol('s')]: 1 } })],
    ['a model that is not a plain object', () => Object.assign(create(), { model: new Map() })],
    ['a model that is an array', () => Object.assign(create(), { model: ['x'] })],
    ['an unknown property on the operation', () => Object.assign(query(), { extra: 1 })],
    ['an unknown property on the search', () => Object.assign(query(), { searchCriteria: { model: {}, sortProperties: [], extra: 1 } })],
    ['an unknown operation', () => ({ operation: 'CommerceFetch', modelName: 'UserProfile' })],
    ['an operation named after an Object.prototype property', () => ({ operation: 'constructor', modelName: 'UserProfile' })],
    ['a bad model name', () => new CommerceQuery('User Profile')],
    ['a model name that is not text', () => ({ operation: 'CommerceQuery', modelName: 7 })],
    ['no model name', () => ({ operation: 'CommerceQuery' })],
    ['a negative firstItemIndex', () => Object.assign(remove(), { searchCriteria: { ...remove().searchCriteria, firstItemIndex: -1 } })],
    ['a fractional numberOfItemsToReturn', () => Object.assign(remove(), { searchCriteria: { ...remove().searchCriteria, numberOfItemsToReturn: 1.5 } })],
    ['a NaN numberOfItemsToReturn', () => Object.assign(remove(), { searchCriteria: { ...remove().searchCriteria, numberOfItemsToReturn: Number.NaN } })],
    ['a returnTotalItemCount that is not a boolean', () => Object.assign(remove(), { searchCriteria: { ...remove().searchCriteria, returnTotalItemCount: 'yes' } })],
    ['a sort direction not known', () => Object.assign(remove(), { searchCriteria: { model: {}, sortProperties: [{ property: 'email', sortDirection: 'Up' }] } })],
    ['a sort property name not a name', () => Object.assign(remove(), { searchCriteria: { model: {}, sortProperties: [{ property: '1x', sortDirection: 'Ascending' }] } })],
    ['a sort item with more keys', () => Object.assign(remove(), { searchCriteria: { model: {}, sortProperties: [{ property: 'email', sortDirection: 'Ascending', x: 1 }] } })],
    ['a propertiesToReturn entry not a name', () => Object.assign(query(), { propertiesToReturn: ['email', 'a b'] })],
    ['a related item without its relationship', () => Object.assign(query(), { relatedOperations: [{ operation: 'CommerceQueryRelatedItem' }] })],
    ['a related create without a model', () => Object.assign(create(), { relatedOperations: [{ operation: 'CommerceCreateRelatedItem', relationshipName: 'Addresses' }] })],
    ['a related update without search criteria', () => Object.assign(update(), { relatedOperations: [{ operation: 'CommerceUpdateRelatedItem', relationshipName: 'Addresses', model: {} }] })],
    ['a related delete without search criteria', () => Object.assign(update(), { relatedOperations: [{ operation: 'CommerceDeleteRelatedItem', relationshipName: 'Addresses' }] })],
    ['a related operation of an unknown kind', () => Object.assign(query(), { relatedOperations: [{ operation: 'CommerceFetchRelatedItem', relationshipName: 'Addresses' }] })],
    ['a related list with a hole', () => {
      const list: unknown[] = [new CommerceQueryRelatedItem('Addresses')];
      list[2] = new CommerceQueryRelatedItem('Addresses');
      return Object.assign(query(), { relatedOperations: list });
    }],
    ['a related list with a property of its own holding bad text', () => Object.assign(query(), { relatedOperations: Object.assign([new CommerceQueryRelatedItem('Addresses')], { note: lone }) })],
    ['relatedOperations that is not a list', () => Object.assign(query(), { relatedOperations: {} })],
    ['a lone surrogate deep in a related example', () => {
      const op = query();
      (op.relatedOperations[0] as CommerceQueryRelatedItem).searchCriteria.model = { city: lone };
      return op;
    }],
    ['a filter (left to the schema)', () => Object.assign(query(), { searchCriteria: { model: {}, sortProperties: [], filter: { property: 'email', op: 'eq', value: 'x' } } })],
    ['a value that is an object (left to the schema)', () => Object.assign(create(), { model: { id: 'u1', when: new Date(0) } })],
  ];

  test.each(refused)('%s: never clean, and the full checks decide', (_, make) => {
    const op = make();
    expect(isCleanOperation(op as Op, operationLevel)).toBe(false);
  });

  test('whatever the walk finds clean, the full checks accept: over every case above and the common shapes', () => {
    const all = [query(), create(), update(), remove(), ...refused.map(([, make]) => make())];
    for (const op of all) if (isCleanOperation(op as Op, operationLevel)) expect(fullyAccepted(op)).toBe(true);
    // Most of the refused cases are refused by the full checks too: the walk is not merely saying no to everything.
    expect(refused.filter(([, make]) => !fullyAccepted(make())).length).toBeGreaterThan(25);
  });

  test('related operations nested up to the depth limit are clean; one level more is not, where inputErrors faults it', () => {
    const nested = (depth: number) => withNestedAddressQueries(new CommerceQuery('UserProfile'), depth);
    // The operation is level 3, each related list and operation two more, its search criteria and model two below it.
    let deepest = 0;
    while (inputErrors(nested(deepest + 1), '', operationLevel).length === 0) deepest++;
    expect(isCleanOperation(nested(deepest), operationLevel)).toBe(true);
    expect(isCleanOperation(nested(deepest + 1), operationLevel)).toBe(false);
    expect(isCleanOperation(new CommerceQuery('UserProfile'), maxRequestDepth + 1)).toBe(false);
  });
});

describe('the request context taken without its schema when it is surely clean', () => {
  const contexts: Record<string, unknown>[] = [
    { channel: 'web' },
    { userId: 'u1', roles: ['customer', 'orgAdmin'], requestId: 'r1', trace: true },
    { properties: { cart: 'c1', items: 3, gift: false, note: null }, userLocale: 'nb-NO', userUILocale: 'en-US', requestId: undefined },
    { trace: false, channel: 'c5', userId: 'u2' },
  ];

  test('gives what requestContextSchema gives, key for key and in its order, as a copy the caller cannot change', () => {
    for (const context of contexts) {
      const clean = cleanRequestContext(context, requestContextLevel);
      expect(clean).toBeDefined();
      const parsed = requestContextSchema.parse(context);
      expect(clean).toStrictEqual(parsed);
      expect(Object.keys(clean ?? {})).toEqual(Object.keys(parsed));
    }
    const context = { roles: ['customer'], properties: { a: 1 } };
    const clean = cleanRequestContext(context, requestContextLevel);
    context.roles.push('admin');
    context.properties.a = 2;
    expect(clean).toEqual({ roles: ['customer'], properties: { a: 1 } });
  });

  const refused: [string, unknown][] = [
    ['an unknown key', { channel: 'web', tenant: 't1' }],
    ['a channel that is not text', { channel: 5 }],
    ['a lone surrogate in the user id', { userId: lone }],
    ['a role that is not text', { roles: ['customer', 1] }],
    ['a lone surrogate in a role', { roles: [lone] }],
    ['roles that are not a list', { roles: 'customer' }],
    ['a trace that is not a boolean', { trace: 'yes' }],
    ['a __proto__ key in properties', { properties: JSON.parse('{"__proto__": 1}') as unknown }],
    ['a lone surrogate in properties', { properties: { note: lone } }],
    ['properties that are not a plain object', { properties: new Map() }],
    ['a context that is not a plain object (left to the schema, which takes a Map holding nothing)', new Map()],
    ['an object among properties (left to the schema)', { properties: { when: new Date(0) } }],
  ];

  test.each(refused)('%s: not taken, so the full checks decide', (_, context) => {
    expect(cleanRequestContext(context, requestContextLevel)).toBeUndefined();
  });

  test('the refused cases are, all but the last two, refused by the full checks too', () => {
    const fullyAccepted = (context: unknown) => inputErrors(context, 'requestContext', requestContextLevel).length === 0 && requestContextSchema.safeParse(context).success;
    expect(refused.map(([, context]) => fullyAccepted(context))).toEqual([...refused.slice(0, -2).map(() => false), true, true]);
  });
});
