import {
  CommerceCreate,
  CommerceQueryRelatedItem,
  ItemAlreadyExistsFault,
  ItemDoesNotExistFault,
  ValidationFault,
  type Address,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { addressModel, cardModel, createShippingMethods, createUser, queryBy, related, storedIds, testEncryptionKey } from '../../support/userProfiles.js';

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } });
  });

  function create(model: Partial<UserProfile>, ...relatedOps: CommerceCreate<UserProfile>['relatedOperations']) {
    const op = new CommerceCreate<UserProfile>('UserProfile');
    op.model = model;
    op.relatedOperations.push(...relatedOps);
    return op;
  }
  const entityOf = async (op: CommerceCreate<UserProfile>) => (await s.foundation.processRequest(op)).operationResponses[0].commerceEntity;

  test('email is required: without it a ValidationFault, and no SQL', async () => {
    s.sql.reset();
    const fault = await s.foundation.processRequest(create({ firstName: 'Ann' })).catch((e: unknown) => e);
    expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'model.email', errorMessage: 'email is required' }]);
    expect(s.sql.statements).toEqual([]);
  });

  test('a new user gets a generated id and account status 1 unless another is given', async () => {
    const ann = await entityOf(create({ email: 'ann@example.com' }));
    expect(ann).toMatchObject({ modelName: 'UserProfile', email: 'ann@example.com', accountStatus: 1 });
    expect(ann?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ann?.dateCreated).toBe(ann?.dateModified);
    expect(await entityOf(create({ id: 'bob', email: 'bob@example.com', accountStatus: 2 }))).toMatchObject({ id: 'bob', accountStatus: 2 });
    await expect(s.foundation.processRequest(create({ email: 'c@example.com', accountStatus: 7 as never }))).rejects.toBeInstanceOf(ValidationFault);
  });

  test('a duplicate email is ItemAlreadyExistsFault, and nothing of the request is written', async () => {
    await createUser(s.foundation, { id: 'u1', email: 'ann@example.com' });
    await s.foundation.profileManagement.refreshProfileCache();
    const fault = await s.foundation.processRequest(create({ id: 'u2', email: 'ann@example.com' }, related<Address>('Addresses', addressModel('a9')))).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ItemAlreadyExistsFault);
    expect((fault as Error).message).toBe('A UserProfile with this email already exists');
    expect(await storedIds(s.foundation)).toMatchObject({ users: ['u1'], addresses: [] });
  });

  test('new addresses, cards and shipping methods are created; existing ones are associated by id', async () => {
    await createShippingMethods(s.foundation, ['ground']);
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('shared')] });
    const ann = await entityOf(
      create(
        { id: 'u2', email: 'ann@example.com' },
        related<Address>('Addresses', addressModel('new')),
        related<Address>('Addresses', { id: 'shared' }),
        related('CreditCards', cardModel('c1', { billingAddressId: 'new' })),
        related('ShippingMethods', { id: 'ground' }),
        new CommerceQueryRelatedItem('Addresses'),
        new CommerceQueryRelatedItem('CreditCards'),
        new CommerceQueryRelatedItem('ShippingMethods'),
      ),
    );
    expect(ann?.addresses?.map((a) => a.id)).toEqual(['new', 'shared']);
    expect(ann?.creditCards?.map((c) => [c.id, c.billingAddressId, c.creditCardIdentifier])).toEqual([['c1', 'new', '1111']]);
    expect(ann?.shippingMethods?.map((m) => m.id)).toEqual(['ground']);
    expect((await storedIds(s.foundation)).addressLinks).toEqual(['u1:shared', 'u2:new', 'u2:shared']);
  });

  test("a Create's entity carries the relationships it created items in, with their new ids, cards masked; a related query still shapes them", async () => {
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('shared')] });
    const { id: _, ...newAddress } = addressModel('unused');
    const ann = await entityOf(
      create(
        { id: 'u2', email: 'ann@example.com' },
        related<Address>('Addresses', newAddress),
        related<Address>('Addresses', { id: 'shared' }),
        related('CreditCards', cardModel('c1')),
        related<Address>('PreferredAddress', addressModel('home')),
      ),
    );
    const stored = await storedIds(s.foundation);
    const newId = stored.addresses.find((id) => !['shared', 'home'].includes(id));
    expect(newId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ann?.addresses?.map((a) => a.id)).toEqual([newId, 'shared', 'home']);
    expect(ann?.addresses?.[0]).toMatchObject({ ...newAddress, modelName: 'Address' });
    expect(ann?.creditCards).toEqual([expect.objectContaining({ id: 'c1', creditCardNumber: '************1111', creditCardIdentifier: '1111' })]);
    expect(ann?.preferredAddress).toMatchObject({ id: 'home', city: 'Oslo' });
    expect(ann).not.toHaveProperty('shippingMethods');
    expect(ann).not.toHaveProperty('preferredCreditCard');

    const asked = new CommerceQueryRelatedItem<Address>('Addresses');
    asked.propertiesToReturn = ['city'];
    asked.searchCriteria.numberOfItemsToReturn = 1;
    const bob = await entityOf(create({ id: 'u3', email: 'bob@example.com' }, related<Address>('Addresses', addressModel('b1')), related<Address>('Addresses', addressModel('b2')), asked));
    expect(bob?.addresses).toEqual([{ modelName: 'Address', id: 'b1', city: 'Oslo' }]);
  });

  test('associating an item that does not exist is ItemDoesNotExistFault, and nothing is written', async () => {
    const fault = await s.foundation
      .processRequest(create({ id: 'u1', email: 'ann@example.com' }, related<Address>('Addresses', addressModel('new')), related<Address>('Addresses', { id: 'ghost' })))
      .catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ItemDoesNotExistFault);
    expect((fault as Error).message).toBe('No Address has the id given in relatedOperations[1].model.id');
    expect(await storedIds(s.foundation)).toMatchObject({ users: [], addresses: [] });
  });

  test('a billing address that does not exist is ItemDoesNotExistFault', async () => {
    const op = create({ id: 'u1', email: 'ann@example.com' }, related('CreditCards', cardModel('c1', { billingAddressId: 'ghost' })));
    await expect(s.foundation.processRequest(op)).rejects.toBeInstanceOf(ItemDoesNotExistFault);
    expect((await storedIds(s.foundation)).cards).toEqual([]);
  });

  test('the preferred address and card: as related items, or by id among the new ones', async () => {
    const ann = await entityOf(
      create(
        { id: 'u1', email: 'ann@example.com', preferredCreditCardId: 'c2' },
        related<Address>('PreferredAddress', addressModel('home')),
        related('CreditCards', cardModel('c1')),
        related('CreditCards', cardModel('c2', { creditCardNumber: '5500 0000 0000 0004' })),
        new CommerceQueryRelatedItem('Addresses'),
        new CommerceQueryRelatedItem('PreferredCreditCard'),
      ),
    );
    expect(ann?.preferredAddressId).toBe('home');
    expect(ann?.addresses?.map((a) => a.id)).toEqual(['home']);
    expect(ann?.preferredCreditCard).toMatchObject({ id: 'c2', creditCardIdentifier: '0004' });
    const missing = create({ id: 'u2', email: 'bob@example.com', preferredAddressId: 'ghost' });
    await expect(s.foundation.processRequest(missing)).rejects.toBeInstanceOf(ItemDoesNotExistFault);
  });

  test('a new address needs the documented minimum; every missing property is named, before any SQL', async () => {
    s.sql.reset();
    const fault = await s.foundation.processRequest(create({ email: 'ann@example.com' }, related<Address>('Addresses', { line1: '1 Main' }))).catch((e: unknown) => e);
    expect((fault as ValidationFault).validationErrors.map((e) => e.property).sort()).toEqual(
      ['addressName', 'city', 'countryRegionCode', 'stateProvinceCode', 'zipPostalCode'].map((p) => `relatedOperations[0].model.${p}`),
    );
    expect(s.sql.statements).toEqual([]);
  });

  test('values the system sets cannot be given', async () => {
    const fault = await s.foundation.processRequest(create({ email: 'ann@example.com', dateCreated: '2020-01-01T00:00:00.000Z' })).catch((e: unknown) => e);
    expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'model.dateCreated', errorMessage: 'dateCreated is set by the system and cannot be written' }]);
  });

  test('the created user is there for a query at once, from the cache', async () => {
    await entityOf(create({ id: 'u1', email: 'ann@example.com' }, related<Address>('Addresses', addressModel('a1'))));
    s.sql.reset();
    const user = (await s.foundation.processRequest(queryBy('email', 'ann@example.com', 'Addresses'))).operationResponses[0].commerceEntities[0];
    expect(user?.addresses?.map((a) => a.id)).toEqual(['a1']);
    expect(s.sql.count()).toBe(0);
  });
});
