import { CommerceCreate, CommerceDelete, CommerceQuery, CommerceUpdate, ValidationFault, type CommerceOperation, type ValidationError } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { byKey, createEntity, faultOf, storeFiles, type KeyedOperation, storeValues, updateItem, type Store } from '../../support/storeModel.js';
import { addressModel, related } from '../../support/userProfiles.js';

/** Each constraint of the Store model file, broken by a value the message must not repeat. */
const broken: [string, Partial<Record<keyof Store, unknown>>, string, string | RegExp][] = [
  ['minLength', { name: 'Q' }, 'name', 'is shorter than 2 characters'],
  ['maxLength', { name: 'Q'.repeat(41) }, 'name', 'is longer than 40 characters'],
  ['pattern', { code: 'st-1' }, 'code', 'must match [A-Z]{2}-[0-9]{3}'],
  ['format email', { email: 'nobody-at-example' }, 'email', /email/i],
  ['minimum', { rating: -7 }, 'rating', />=0/],
  ['maximum', { rating: 9 }, 'rating', /<=5/],
  ['integer', { floors: 2.5 }, 'floors', /expected int\b/],
  ['enum', { status: 'Gone' }, 'status', /"Open"\|"Closed"/],
  ['readOnly', { dateCreated: '2020-01-01T00:00:00.000Z' }, 'dateCreated', 'dateCreated is set by the system and cannot be written'],
  ['the profile property type', { rating: 'three' }, 'rating', /number/],
];

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: storeFiles() });
    s.sql.reset();
  });
  afterEach(() => expect(s.sql.count()).toBe(0));

  const errorsOf = async (op: CommerceOperation<object>): Promise<readonly ValidationError[]> => {
    const fault = await faultOf(s.foundation, op);
    expect(fault).toBeInstanceOf(ValidationFault);
    return (fault as ValidationFault).validationErrors;
  };
  const create = (model: object, ...relatedOps: CommerceCreate['relatedOperations']) => {
    const op = new CommerceCreate<Store>('Store');
    op.model = model;
    op.relatedOperations.push(...relatedOps);
    return op;
  };
  const update = (model: object, ...relatedOps: CommerceUpdate['relatedOperations']) => {
    const op = byKey(CommerceUpdate<Store>, 'Store', { id: 's1' }, ...relatedOps);
    op.model = model;
    return op;
  };

  test.each(broken)('%s: a Create that breaks it is a ValidationFault naming the property, not its value, before any SQL', async (_, values, property, message) => {
    const errors = await errorsOf(create(storeValues('s1', values as Partial<Store>)));
    expect(errors).toEqual([{ property: `model.${property}`, errorMessage: message instanceof RegExp ? expect.stringMatching(message) : message }]);
    expect(errors[0]?.errorMessage).not.toContain(String(Object.values(values)[0]));
  });

  test.each(broken)('%s: an Update that breaks it is refused the same way', async (_, values, property) => {
    expect(await errorsOf(update(values))).toEqual([{ property: `model.${property}`, errorMessage: expect.any(String) }]);
  });

  test('required: a Create needs every required property; an Update does not', async () => {
    expect(await errorsOf(create({ id: 's1' }))).toEqual([
      { property: 'model.code', errorMessage: 'code is required' },
      { property: 'model.name', errorMessage: 'name is required' },
    ]);
    expect(await errorsOf(update({ name: 'Q' }))).toEqual([{ property: 'model.name', errorMessage: 'is shorter than 2 characters' }]);
  });

  test('required, for related items: "a new Address needs" each of its required properties, in a Create and in an Update', async () => {
    const halfAddress = related('Addresses', { addressName: 'Depot', city: 'Oslo' });
    const needs = ['line1', 'stateProvinceCode', 'zipPostalCode', 'countryRegionCode'].map((p) => ({ property: `relatedOperations[1].model.${p}`, errorMessage: `a new Address needs ${p}` }));
    expect(await errorsOf(create(storeValues('s1'), related('Addresses', addressModel('a1')), halfAddress))).toEqual(needs);
    expect(await errorsOf(update({}, related('Addresses', { id: 'a1' }), halfAddress))).toEqual(needs);
  });

  test("a related item's own constraints and read-only properties hold too", async () => {
    const card = related('Cards', { creditCardNumber: '4111 1111 1111 1111', expirationMonth: 13, expirationYear: 2031, creditCardIdentifier: '1111' });
    expect(await errorsOf(update({}, card))).toEqual([{ property: 'relatedOperations[0].model.expirationMonth', errorMessage: expect.stringMatching(/<=12/) }]);
    card.model = { ...card.model, expirationMonth: 12 };
    expect(await errorsOf(update({}, card, updateItem('Addresses', 'a1', { id: 'a2' })))).toEqual([
      { property: 'relatedOperations[0].model.creditCardIdentifier', errorMessage: 'creditCardIdentifier is set by the system and cannot be written' },
      { property: 'relatedOperations[1].model.id', errorMessage: 'the id of an item cannot change' },
    ]);
  });

  test('a property the model does not map is refused', async () => {
    expect(await errorsOf(create(storeValues('s1', { nickname: 'x' } as never)))).toEqual([{ property: 'model.nickname', errorMessage: expect.any(String) }]);
  });

  test('Query: searches by searchable properties only (keys always are)', async () => {
    expect(await errorsOf(byKey(CommerceQuery, 'Store', { id: 's1', name: 'Store' }))).toEqual([
      { property: 'searchCriteria.model.name', errorMessage: 'name is not searchable; Store can be searched by id, code' },
    ]);
  });

  const keyed: [string, new (modelName: string) => KeyedOperation][] = [
    ['Delete', CommerceDelete],
    ['Update', CommerceUpdate],
  ];
  test.each(keyed)('%s: found by exactly one key property (id or code), and by nothing else', async (_, Kind) => {
    expect(await errorsOf(byKey(Kind, 'Store', {}))).toEqual([{ property: 'searchCriteria.model', errorMessage: 'id or code is required' }]);
    expect(await errorsOf(byKey(Kind, 'Store', { id: 's1', code: 'ST-001' }))).toEqual([{ property: 'searchCriteria.model', errorMessage: 'give id or code, not both' }]);
    expect(await errorsOf(byKey(Kind, 'Store', { id: 's1', name: 'Store' }))).toEqual([{ property: 'searchCriteria.model.name', errorMessage: 'a Store is identified by id or code only' }]);
  });

  test('an Update cannot change the id; a related update or removal names its item by id alone', async () => {
    expect(await errorsOf(update({ id: 's2' }))).toEqual([{ property: 'model.id', errorMessage: 'the id of a Store cannot change' }]);
    const byCity = updateItem('Addresses', 'a1', { city: 'Bergen' });
    byCity.searchCriteria.model = { city: 'Oslo' };
    expect(await errorsOf(update({}, byCity))).toEqual([
      { property: 'relatedOperations[0].searchCriteria.model.id', errorMessage: 'the id of the Address is required' },
      { property: 'relatedOperations[0].searchCriteria.model.city', errorMessage: 'a related Address is identified by id only' },
    ]);
  });
});

forEachDatabase((target) => {
  test('default: a Create without the property takes it, and stores it; a value given wins', async () => {
    const s = await startFoundation(target, { files: storeFiles() });
    expect(await createEntity<Store>(s.foundation, 'Store', storeValues('s1'))).toMatchObject({ id: 's1', status: 'Open' });
    expect(await createEntity<Store>(s.foundation, 'Store', storeValues('s2', { status: 'Closed' }))).toMatchObject({ status: 'Closed' });
    expect(await s.foundation.knex('store').orderBy('store_id').pluck('status')).toEqual(['Open', 'Closed']);
  });
});
