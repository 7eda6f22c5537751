import { CommerceQueryRelatedItem, CommerceUpdate, type Address, type UserProfile } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { addressModel, cardModel, createShippingMethods, createUser, queryBy, testEncryptionKey } from '../../support/userProfiles.js';

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } });
    await createShippingMethods(s.foundation, ['ground', 'air']);
    await createUser(s.foundation, {
      id: 'u1',
      extra: { firstName: 'Ann', lastName: 'Lee', telephone: '555-0101', accountStatus: 2 },
      addresses: [
        addressModel('a1', { city: 'Bergen' }),
        addressModel('a2', { city: 'Oslo' }),
        addressModel('a3', { city: 'Alta' }),
        addressModel('a4', { city: 'Tromsø' }),
        addressModel('a5', { city: 'Molde' }),
      ],
      cards: [cardModel('c1', { billingAddressId: 'a2' })],
      shippingMethods: ['air', 'ground'],
    });
  });

  const query = async (q: ReturnType<typeof queryBy>) => (await s.foundation.processRequest(q)).operationResponses[0];
  const only = async (q: ReturnType<typeof queryBy>) => (await query(q)).commerceEntities[0] as UserProfile & Record<string, unknown>;

  test('finds a user by id or by email, with every value it has', async () => {
    for (const q of [queryBy('id', 'u1'), queryBy('email', 'u1@example.com')]) {
      const user = await only(q);
      expect(user).toMatchObject({
        modelName: 'UserProfile',
        id: 'u1',
        email: 'u1@example.com',
        firstName: 'Ann',
        lastName: 'Lee',
        telephone: '555-0101',
        accountStatus: 2,
      });
      expect(new Date(user.dateCreated ?? '').toISOString()).toBe(user.dateCreated);
      expect(user.addresses).toBeUndefined();
    }
  });

  test('a search key present but undefined is passed over for the one that has a value', async () => {
    const q = queryBy('email', 'u1@example.com');
    q.searchCriteria.model = { id: undefined, ...q.searchCriteria.model } as never;
    expect(await only(q)).toMatchObject({ id: 'u1' });
  });

  test('a user that does not exist is an empty answer, not a fault', async () => {
    expect(await query(queryBy('email', 'nobody@example.com'))).toEqual({ commerceEntities: [] });
  });

  test('id and email together is a search for the user with both; neither, a search of every user', async () => {
    const both = queryBy('id', 'u1');
    both.searchCriteria.model.email = 'u1@example.com';
    expect((await query(both)).commerceEntities.map((u) => u.id)).toEqual(['u1']);
    both.searchCriteria.model.email = 'u2@example.com';
    expect((await query(both)).commerceEntities).toEqual([]);
    await createUser(s.foundation, { id: 'u0' });
    expect((await query(queryBy('id', undefined as never))).commerceEntities.map((u) => u.id)).toEqual(['u0', 'u1']);
  });

  test('related queries add addresses, credit cards, shipping methods and the preferred ones', async () => {
    const u = new CommerceUpdate<UserProfile>('UserProfile');
    u.searchCriteria.model.id = 'u1';
    u.model.preferredAddressId = 'a3';
    u.model.preferredCreditCardId = 'c1';
    await s.foundation.processRequest(u);
    const user = await only(queryBy('id', 'u1', 'Addresses', 'CreditCards', 'ShippingMethods', 'PreferredAddress', 'PreferredCreditCard'));
    expect(user.addresses?.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(user.creditCards).toEqual([
      {
        modelName: 'CreditCard',
        id: 'c1',
        creditCardNumber: '************1111',
        creditCardIdentifier: '1111',
        expirationMonth: 12,
        expirationYear: 2031,
        billingAddressId: 'a2',
        displayName: 'Card c1',
      },
    ]);
    expect(user.shippingMethods).toEqual([
      { modelName: 'ShippingMethod', id: 'air', name: 'Method air' },
      { modelName: 'ShippingMethod', id: 'ground', name: 'Method ground' },
    ]);
    expect(user.preferredAddress).toMatchObject({ id: 'a3', city: 'Alta' });
    expect(user.preferredCreditCard).toMatchObject({ id: 'c1', creditCardIdentifier: '1111' });
    expect([user.preferredAddressId, user.preferredCreditCardId]).toEqual(['a3', 'c1']);
  });

  test('propertiesToReturn limits the user and, on a related query, its items (id is always there)', async () => {
    const q = queryBy('id', 'u1');
    q.propertiesToReturn = ['email'];
    const addresses = new CommerceQueryRelatedItem<Address>('Addresses');
    addresses.propertiesToReturn = ['city'];
    q.relatedOperations.push(addresses);
    const user = await only(q);
    expect(Object.keys(user).sort()).toEqual(['addresses', 'email', 'id', 'modelName']);
    expect(user.addresses?.[0]).toEqual({ modelName: 'Address', id: 'a1', city: 'Bergen' });
  });

  test('related lists are sorted and paged, and give their total before paging', async () => {
    const q = queryBy('id', 'u1');
    const addresses = new CommerceQueryRelatedItem<Address>('Addresses');
    addresses.searchCriteria.sortProperties.push({ property: 'city', sortDirection: 'Descending' });
    addresses.searchCriteria.firstItemIndex = 1;
    addresses.searchCriteria.numberOfItemsToReturn = 2;
    addresses.searchCriteria.returnTotalItemCount = true;
    q.relatedOperations.push(addresses);
    const user = await only(q);
    expect(user.addresses?.map((a) => a.city)).toEqual(['Oslo', 'Molde']);
    expect(user['totalItemCounts']).toEqual({ addresses: 5 });
  });

  test('returnTotalItemCount on the query gives the count of users found', async () => {
    const q = queryBy('email', 'u1@example.com');
    q.searchCriteria.returnTotalItemCount = true;
    expect((await query(q)).totalItemCount).toBe(1);
  });

  test('with the cache warm a query with all its related items sends no SQL; cold, a fixed few statements', async () => {
    const all = () => queryBy('email', 'u1@example.com', 'Addresses', 'CreditCards', 'ShippingMethods');
    await s.foundation.profileManagement.refreshProfileCache();
    s.sql.reset();
    await s.foundation.processRequest(all());
    expect(s.sql.count()).toBe(1); // the user with its lists, its addresses, cards and shipping methods: one statement
    s.sql.reset();
    const warm = await s.foundation.processRequest(all());
    expect(s.sql.count()).toBe(0);
    expect(warm.operationResponses[0].commerceEntities[0]?.addresses).toHaveLength(5);
  });

  test("cold, a query and its related items are one statement; on SQLite, which answers a lone read at once, it is answered in the caller's turn too", async () => {
    const all = () => queryBy('email', 'u1@example.com', 'Addresses', 'CreditCards', 'ShippingMethods');
    await s.foundation.profileManagement.refreshProfileCache();
    s.sql.reset();
    let answered: Awaited<ReturnType<typeof query>> | undefined;
    const pending = s.foundation.processRequest(all()).then((response) => (answered = response.operationResponses[0]));
    await Promise.resolve();
    expect(answered === undefined).toBe(target.label !== 'SQLite');
    await pending;
    const user = answered?.commerceEntities[0];
    expect(user?.addresses?.map((a) => a.city)).toEqual(['Bergen', 'Oslo', 'Alta', 'Tromsø', 'Molde']);
    expect(user?.creditCards?.map((c) => c.id)).toEqual(['c1']);
    expect(user?.shippingMethods).toHaveLength(2);
    expect(s.sql.count()).toBe(1);
    // What it read is cached: the next query sends nothing.
    await s.foundation.processRequest(all());
    expect(s.sql.count()).toBe(1);
  });

  test("with the cache warm, a query and its related items finish in the caller's turn: no step waits, and the answer is there at the first microtask", async () => {
    const all = () => queryBy('email', 'u1@example.com', 'Addresses', 'CreditCards', 'ShippingMethods');
    await s.foundation.processRequest(all());
    let answered: Awaited<ReturnType<typeof query>> | undefined;
    void s.foundation.processRequest(all()).then((response) => (answered = response.operationResponses[0]));
    await Promise.resolve();
    const user = answered?.commerceEntities[0] as (UserProfile & Record<string, unknown>) | undefined;
    expect(user?.id).toBe('u1');
    expect(user?.addresses?.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(user?.creditCards).toHaveLength(1);
    expect(user?.shippingMethods).toHaveLength(2);
    // One item not cached: its read is awaited, and the answer comes later, still whole.
    await s.foundation.profileManagement.refreshProfileCache('a3', 'Address');
    let later: typeof answered;
    const pending = s.foundation.processRequest(all()).then((response) => (later = response.operationResponses[0]));
    await Promise.resolve();
    expect(later).toBeUndefined();
    await pending;
    expect(((later?.commerceEntities[0] as Record<string, unknown> | undefined)?.['addresses'] as Address[] | undefined)?.map((a) => a.city)).toEqual(['Bergen', 'Oslo', 'Alta', 'Tromsø', 'Molde']);
  });
});
