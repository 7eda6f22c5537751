import {
  CommerceDeleteRelatedItem,
  CommerceQueryRelatedItem,
  CommerceUpdate,
  CommerceUpdateRelatedItem,
  ItemAlreadyExistsFault,
  ItemDoesNotExistFault,
  ValidationFault,
  type Address,
  type CreditCard,
  type UserProfile,
  type WritableValues,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { addressModel, cardModel, createUser, queryBy, related, storedIds, testEncryptionKey } from '../../support/userProfiles.js';

function update(key: 'id' | 'email', value: string, model: WritableValues<UserProfile> = {}, ...relatedOps: CommerceUpdate<UserProfile>['relatedOperations']) {
  const op = new CommerceUpdate<UserProfile>('UserProfile');
  op.searchCriteria.model[key] = value;
  op.model = model;
  op.relatedOperations.push(...relatedOps);
  return op;
}

function changeAddress(id: string, model: WritableValues<Address>) {
  const op = new CommerceUpdateRelatedItem<Address>('Addresses');
  op.searchCriteria.model.id = id;
  op.model = model;
  return op;
}

function removeItem(relationship: string, id: string) {
  const op = new CommerceDeleteRelatedItem<Address>(relationship);
  op.searchCriteria.model.id = id;
  return op;
}

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } });
    await createUser(s.foundation, {
      id: 'u1',
      extra: { firstName: 'Ann' },
      addresses: [addressModel('mine'), addressModel('shared')],
      cards: [cardModel('c1')],
    });
    await createUser(s.foundation, { id: 'u2', email: 'bob@example.com', addresses: ['shared'] });
  });

  const run = async (op: CommerceUpdate<UserProfile>) => (await s.foundation.processRequest(op)).operationResponses[0].commerceEntities[0];
  const faultOf = (op: CommerceUpdate<UserProfile>) => s.foundation.processRequest(op).catch((e: unknown) => e);

  test('changes the values given, by id or by email; the modified date moves, the created date stays', async () => {
    const before = (await s.foundation.processRequest(queryBy('id', 'u1'))).operationResponses[0].commerceEntities[0];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const byId = await run(update('id', 'u1', { lastName: 'Lee', telephone: '555' }));
    expect(byId).toMatchObject({ id: 'u1', firstName: 'Ann', lastName: 'Lee', telephone: '555' });
    expect(byId?.dateCreated).toBe(before?.dateCreated);
    expect(byId?.dateModified).not.toBe(before?.dateModified);
    expect(await run(update('email', 'u1@example.com', { email: 'ann@new.example.com' }))).toMatchObject({ email: 'ann@new.example.com' });
    expect(await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('last_name', 'email_address')).toEqual({
      last_name: 'Lee',
      email_address: 'ann@new.example.com',
    });
  });

  test('null clears an optional value, the user\'s and a related item\'s, in the store and the cache', async () => {
    const card = new CommerceUpdateRelatedItem<CreditCard>('CreditCards');
    card.searchCriteria.model.id = 'c1';
    card.model.billingAddressId = 'mine';
    await run(update('id', 'u1', { lastName: 'Lee', telephone: '555' }, card, changeAddress('mine', { line2: 'Flat 2' })));
    card.model.billingAddressId = null;
    const cleared = await run(update('id', 'u1', { telephone: null, lastName: null }, card, changeAddress('mine', { line2: null })));
    expect(cleared).toMatchObject({ id: 'u1', firstName: 'Ann' });
    expect(cleared).not.toHaveProperty('telephone');
    expect(cleared).not.toHaveProperty('lastName');
    expect(await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('tel_number', 'last_name', 'first_name')).toEqual({ tel_number: null, last_name: null, first_name: 'Ann' });
    expect(await s.foundation.knex('credit_card').where({ id: 'c1' }).first('billing_address')).toEqual({ billing_address: null });
    expect(await s.foundation.knex('address').where({ address_id: 'mine' }).first('address_line2')).toEqual({ address_line2: null });
    s.sql.reset();
    const queried = (await s.foundation.processRequest(queryBy('id', 'u1', 'Addresses', 'CreditCards'))).operationResponses[0].commerceEntities[0];
    expect(s.sql.count()).toBe(0);
    expect(queried).not.toHaveProperty('telephone');
    expect(queried?.creditCards?.[0]).not.toHaveProperty('billingAddressId');
    expect(queried?.addresses?.find((a) => a.id === 'mine')).not.toHaveProperty('line2');
  });

  test('null is refused, naming the property and before any SQL, for a key, a required or read-only value, a card number, and in a search', async () => {
    const card = new CommerceUpdateRelatedItem<CreditCard>('CreditCards');
    card.searchCriteria.model.id = 'c1';
    card.model.creditCardNumber = null;
    const byNull = update('id', 'u1');
    (byNull.searchCriteria.model as Record<string, unknown>)['id'] = null;
    const cases: [CommerceUpdate<UserProfile>, string][] = [
      [update('id', 'u1', { email: null }), 'model.email'],
      [update('id', 'u1', { dateCreated: null }), 'model.dateCreated'],
      [update('id', 'u1', {}, card), 'relatedOperations[0].model.creditCardNumber'],
      [update('id', 'u1', {}, changeAddress('mine', { id: null })), 'relatedOperations[0].model.id'],
      [byNull, 'searchCriteria.model.id'],
    ];
    for (const [op, property] of cases) {
      s.sql.reset();
      const fault = await faultOf(op);
      expect(fault).toBeInstanceOf(ValidationFault);
      expect((fault as ValidationFault).validationErrors.map((e) => e.property)).toContain(property);
      expect(s.sql.count()).toBe(0);
    }
    expect(await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('email_address')).toEqual({ email_address: 'u1@example.com' });
  });

  test('id or email, exactly one; the id itself cannot change', async () => {
    const both = update('id', 'u1', { firstName: 'X' });
    both.searchCriteria.model.email = 'u1@example.com';
    expect(await faultOf(both)).toBeInstanceOf(ValidationFault);
    const neither = new CommerceUpdate<UserProfile>('UserProfile');
    expect(await faultOf(neither)).toBeInstanceOf(ValidationFault);
    const fault = await faultOf(update('id', 'u1', { id: 'u9' }));
    expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'model.id', errorMessage: 'the id of a UserProfile cannot change' }]);
  });

  test('a user that does not exist is ItemDoesNotExistFault', async () => {
    const fault = await faultOf(update('email', 'nobody@example.com', { firstName: 'X' }));
    expect(fault).toBeInstanceOf(ItemDoesNotExistFault);
    expect((fault as Error).message).toBe('No UserProfile has the email given');
  });

  test("another user's email is ItemAlreadyExistsFault, and nothing changes", async () => {
    expect(await faultOf(update('id', 'u1', { firstName: 'Changed', email: 'bob@example.com' }))).toBeInstanceOf(ItemAlreadyExistsFault);
    const user = (await s.foundation.processRequest(queryBy('id', 'u1'))).operationResponses[0].commerceEntities[0];
    expect(user).toMatchObject({ email: 'u1@example.com', firstName: 'Ann' });
  });

  test('creates new related items and associates existing ones', async () => {
    await createUser(s.foundation, { id: 'u3', addresses: [addressModel('other')] });
    const user = await run(
      update('id', 'u1', {}, related<Address>('Addresses', addressModel('new')), related<Address>('Addresses', { id: 'other' }), new CommerceQueryRelatedItem('Addresses')),
    );
    expect(user?.addresses?.map((a) => a.id)).toEqual(['mine', 'shared', 'new', 'other']);
    expect((await storedIds(s.foundation)).addressLinks).toContain('u3:other');
  });

  test("updates a related item; a shared one changes for every user that has it", async () => {
    await run(update('id', 'u1', {}, changeAddress('shared', { city: 'Bergen' })));
    const bob = (await s.foundation.processRequest(queryBy('id', 'u2', 'Addresses'))).operationResponses[0].commerceEntities[0];
    expect(bob?.addresses?.[0]?.city).toBe('Bergen');
  });

  test("an item that is not the user's cannot be updated or removed through it", async () => {
    await createUser(s.foundation, { id: 'u3', addresses: [addressModel('theirs')] });
    for (const op of [changeAddress('theirs', { city: 'X' }), removeItem('Addresses', 'theirs')]) {
      const fault = await faultOf(update('id', 'u1', {}, op));
      expect(fault).toBeInstanceOf(ItemDoesNotExistFault);
      expect((fault as Error).message).toBe("The UserProfile's Addresses hold no Address with the id given in relatedOperations[0].searchCriteria.model.id");
    }
    expect((await storedIds(s.foundation)).addresses).toContain('theirs');
  });

  test('removing an item deletes it when no one else uses it; a shared one is only unlinked', async () => {
    const user = await run(update('id', 'u1', {}, removeItem('Addresses', 'mine'), removeItem('Addresses', 'shared'), new CommerceQueryRelatedItem('Addresses')));
    expect(user?.addresses).toEqual([]);
    const stored = await storedIds(s.foundation);
    expect(stored.addresses).toEqual(['shared']);
    expect(stored.addressLinks).toEqual(['u2:shared']);
  });

  test('removing the preferred address from the addresses clears the preference', async () => {
    await run(update('id', 'u1', { preferredAddressId: 'mine' }));
    const user = await run(update('id', 'u1', {}, removeItem('Addresses', 'mine')));
    expect(user?.preferredAddressId).toBeUndefined();
    expect((await storedIds(s.foundation)).addresses).toEqual(['shared']);
  });

  test('removing only the preference keeps the address among the addresses', async () => {
    await run(update('id', 'u1', { preferredAddressId: 'mine' }));
    const user = await run(update('id', 'u1', {}, removeItem('PreferredAddress', 'mine'), new CommerceQueryRelatedItem('Addresses')));
    expect(user?.preferredAddressId).toBeUndefined();
    expect(user?.addresses?.map((a) => a.id)).toEqual(['mine', 'shared']);
  });

  test('null for preferredAddressId or preferredCreditCardId clears the preference, in the store and the cache; the items stay the user\'s', async () => {
    await run(update('id', 'u1', { preferredAddressId: 'mine', preferredCreditCardId: 'c1' }));
    const user = await run(update('id', 'u1', { preferredAddressId: null, preferredCreditCardId: null }, new CommerceQueryRelatedItem('Addresses'), new CommerceQueryRelatedItem('CreditCards')));
    expect(user).not.toHaveProperty('preferredAddressId');
    expect(user).not.toHaveProperty('preferredCreditCardId');
    expect(user?.addresses?.map((a) => a.id)).toEqual(['mine', 'shared']);
    expect(user?.creditCards?.map((c) => c.id)).toEqual(['c1']);
    expect(await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('preferred_address', 'preferred_credit_card')).toEqual({ preferred_address: null, preferred_credit_card: null });
    expect((await storedIds(s.foundation)).addresses).toEqual(['mine', 'shared']);
    const cached = (await s.foundation.processRequest(queryBy('id', 'u1', 'PreferredAddress', 'PreferredCreditCard'))).operationResponses[0].commerceEntities[0];
    expect(cached).not.toHaveProperty('preferredAddressId');
    expect(cached).not.toHaveProperty('preferredAddress');
    expect(cached).not.toHaveProperty('preferredCreditCard');
    // With no preference to clear, null changes nothing and is no fault.
    expect(await run(update('id', 'u1', { preferredAddressId: null, lastName: 'Lee' }))).toMatchObject({ id: 'u1', lastName: 'Lee' });
  });

  test('null for preferredAddressId beside the removal of that address from the addresses: the address goes once', async () => {
    await run(update('id', 'u1', { preferredAddressId: 'mine' }));
    const user = await run(update('id', 'u1', { preferredAddressId: null }, removeItem('Addresses', 'mine'), new CommerceQueryRelatedItem('Addresses')));
    expect(user).not.toHaveProperty('preferredAddressId');
    expect(user?.addresses?.map((a) => a.id)).toEqual(['shared']);
    expect((await storedIds(s.foundation)).addresses).toEqual(['shared']);
  });

  test("a new card number is stored encrypted again, with its new last four digits", async () => {
    const change = new CommerceUpdateRelatedItem<CreditCard>('CreditCards');
    change.searchCriteria.model.id = 'c1';
    change.model.creditCardNumber = '5500-0000-0000-0004';
    const user = await run(update('id', 'u1', {}, change, new CommerceQueryRelatedItem('CreditCards')));
    expect(user?.creditCards?.[0]).toMatchObject({ creditCardNumber: '************0004', creditCardIdentifier: '0004' });
    const row = await s.foundation.knex('credit_card').where({ id: 'c1' }).first('cc_number');
    expect(row?.cc_number).not.toContain('5500');
  });
});
