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
  creditCardSchema,
  ValidationFault,
  type Address,
  type UserProfile,
} from '../../src/index.js';

describe('request builders', () => {
  test('each operation names its type and model and starts with empty criteria', () => {
    const del = new CommerceDelete<UserProfile>('UserProfile');
    expect(del.operation).toBe('CommerceDelete');
    expect(del.modelName).toBe('UserProfile');
    expect(del.searchCriteria).toEqual({ model: {}, sortProperties: [] });
    expect(del.relatedOperations).toEqual([]);
    expect(new CommerceQuery('X').operation).toBe('CommerceQuery');
    expect(new CommerceCreate('X').model).toEqual({});
    const update = new CommerceUpdate('X');
    expect([update.operation, update.model, update.searchCriteria.model]).toEqual(['CommerceUpdate', {}, {}]);
  });

  test('related operations name a relationship and carry their own criteria or model', () => {
    const query = new CommerceQueryRelatedItem<Address>('Addresses');
    const create = new CommerceCreateRelatedItem<Address>('Addresses');
    const update = new CommerceUpdateRelatedItem<Address>('Addresses', 'Address');
    const remove = new CommerceDeleteRelatedItem<Address>('Addresses');
    expect([query.operation, create.operation, update.operation, remove.operation]).toEqual([
      'CommerceQueryRelatedItem',
      'CommerceCreateRelatedItem',
      'CommerceUpdateRelatedItem',
      'CommerceDeleteRelatedItem',
    ]);
    expect(query.relationshipName).toBe('Addresses');
    expect(query.modelName).toBeUndefined();
    expect(update.modelName).toBe('Address');
  });
});

describe('JSON form', () => {
  function sampleRequest() {
    const query = new CommerceQuery<UserProfile>('UserProfile');
    query.searchCriteria.model.email = 'ann@example.com';
    query.propertiesToReturn = ['email', 'firstName'];
    const addresses = new CommerceQueryRelatedItem<Address>('Addresses');
    addresses.searchCriteria.firstItemIndex = 1;
    addresses.searchCriteria.numberOfItemsToReturn = 2;
    addresses.searchCriteria.returnTotalItemCount = true;
    addresses.searchCriteria.sortProperties.push({ property: 'city', sortDirection: 'Descending' });
    query.relatedOperations.push(addresses);

    const update = new CommerceUpdate<UserProfile>('UserProfile');
    update.searchCriteria.model.id = 'u1';
    update.model.firstName = 'Ann';
    const newAddress = new CommerceCreateRelatedItem<Address>('Addresses');
    newAddress.model.city = 'Oslo';
    const changed = new CommerceUpdateRelatedItem<Address>('Addresses');
    changed.searchCriteria.model.id = 'a1';
    changed.model.line1 = '1 Main St';
    const removed = new CommerceDeleteRelatedItem<Address>('Addresses');
    removed.searchCriteria.model.id = 'a2';
    update.relatedOperations.push(newAddress, changed, removed);

    const create = new CommerceCreate<UserProfile>('UserProfile');
    create.model.email = 'bob@example.com';
    const del = new CommerceDelete<UserProfile>('UserProfile');
    del.searchCriteria.model.email = 'ann@example.com';
    return new CommerceRequest([query, update, create, del]);
  }

  test('toJSON gives the documented shape', () => {
    const del = new CommerceDelete<UserProfile>('UserProfile');
    del.searchCriteria.model.email = 'ann@example.com';
    expect(JSON.parse(JSON.stringify(new CommerceRequest([del])))).toEqual({
      operations: [{ operation: 'CommerceDelete', modelName: 'UserProfile', searchCriteria: { model: { email: 'ann@example.com' } } }],
    });
  });

  test('fromJSON rebuilds the same request objects, from an object or from text', () => {
    const request = sampleRequest();
    const json = request.toJSON();
    const rebuilt = CommerceRequest.fromJSON(json);
    expect(rebuilt).toEqual(request);
    expect(rebuilt.operations[1]).toBeInstanceOf(CommerceUpdate);
    expect(rebuilt.operations[1]?.relatedOperations[2]).toBeInstanceOf(CommerceDeleteRelatedItem);
    expect(CommerceRequest.fromJSON(JSON.stringify(json))).toEqual(request);
  });

  test('fromJSON accepts the minimal form of the contract', () => {
    const request = CommerceRequest.fromJSON({
      operations: [{ operation: 'CommerceDelete', modelName: 'UserProfile', searchCriteria: { model: { email: 'ann@example.com' } } }],
    });
    const del = request.operations[0] as CommerceDelete<UserProfile>;
    expect(del).toBeInstanceOf(CommerceDelete);
    expect(del.searchCriteria).toEqual({ model: { email: 'ann@example.com' }, sortProperties: [] });
  });

  test('a search filter travels in the JSON form, nested as given', () => {
    const filter = { any: [{ property: 'lastName', op: 'startsWith', value: 'Le' }, { not: { all: [{ property: 'accountStatus', op: 'in', value: [0, 2] }] } }] };
    const json = { operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: {}, filter, sortProperties: [] } }] };
    const request = CommerceRequest.fromJSON(json);
    expect((request.operations[0] as CommerceQuery).searchCriteria.filter).toEqual(filter);
    expect(JSON.parse(JSON.stringify(request))).toEqual({ operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: {}, filter } }] });
  });

  test.each([
    ['a filter with an unknown operator', { operations: [{ operation: 'CommerceQuery', modelName: 'A', searchCriteria: { filter: { property: 'a', op: 'like', value: 'x' } } }] }, 'operations[0].searchCriteria.filter'],
    ['a filter node of two kinds', { operations: [{ operation: 'CommerceQuery', modelName: 'A', searchCriteria: { filter: { all: [], not: {} } } }] }, 'operations[0].searchCriteria.filter.not'],
    ['an unknown operation', { operations: [{ operation: 'CommerceErase', modelName: 'UserProfile' }] }, 'operations[0].operation'],
    ['a bad model name', { operations: [{ operation: 'CommerceQuery', modelName: 'User Profile' }] }, 'operations[0].modelName'],
    ['a negative index', { operations: [{ operation: 'CommerceQuery', modelName: 'A', searchCriteria: { firstItemIndex: -1 } }] }, 'operations[0].searchCriteria.firstItemIndex'],
    ['a stray property', { operations: [{ operation: 'CommerceQuery', modelName: 'A', colour: 'red' }] }, 'operations[0].colour'],
    ['no operations', { operations: [] }, 'operations'],
    [
      'a bad related operation',
      { operations: [{ operation: 'CommerceQuery', modelName: 'A', relatedOperations: [{ operation: 'CommerceQueryRelatedItem', relationshipName: 1 }] }] },
      'operations[0].relatedOperations[0].relationshipName',
    ],
  ])('fromJSON refuses %s with a ValidationFault naming the property', (_, json, property) => {
    let fault: unknown;
    try {
      CommerceRequest.fromJSON(json);
    } catch (error) {
      fault = error;
    }
    expect(fault).toBeInstanceOf(ValidationFault);
    expect((fault as ValidationFault).validationErrors.map((e) => e.property)).toContain(property);
  });

  test('fromJSON refuses text that is not JSON', () => {
    expect(() => CommerceRequest.fromJSON('{"operations": [')).toThrow(/not valid JSON/);
  });
});

describe('a card number', () => {
  const parse = (creditCardNumber: string) => creditCardSchema.safeParse({ modelName: 'CreditCard', id: 'c1', creditCardNumber });

  test.each(['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '378282246310005', '6011 0009 9013 9424 123'])('%s is taken', (number) => {
    expect(parse(number).success).toBe(true);
  });

  test.each([
    ['11 digits', '41111111111'],
    ['20 digits', '41111111111111111111'],
    ['separators that make up the length', '4111 - - - - - - 11'],
    ['a letter', '4111 1111 1111 11x1'],
  ])('%s is refused', (_, number) => {
    expect(parse(number).success).toBe(false);
  });
});
