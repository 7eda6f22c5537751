import {
  CommerceDelete,
  CommerceRequest,
  ModelSlots,
  ValidationFault,
  type OperationContext,
  type CommerceEntity,
  type CommerceDeleteOperationResponse,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { addressModel, cardModel, createShippingMethods, createUser, deleteBy, queryBy, storedIds, testEncryptionKey } from '../../support/userProfiles.js';

/** Seed 002: "Commerce Foundation UserProfile CommerceDelete", sentence by sentence. */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } });
  });

  const run = async (del: CommerceDelete<UserProfile>) =>
    (await s.foundation.processRequest(del, { trace: true })) as { operationResponses: [CommerceDeleteOperationResponse<UserProfile>]; trace?: { component: string; sqlStatements: number }[] };

  async function validationFaultOf(del: CommerceDelete<UserProfile>) {
    s.sql.reset();
    const fault = await s.foundation.processRequest(del).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ValidationFault);
    expect(s.sql.statements).toEqual([]);
    return (fault as ValidationFault).validationErrors;
  }

  test('the syntax of the seed works: new CommerceDelete<CommerceEntity>("UserProfile")', async () => {
    await createUser(s.foundation, { id: 'u1' });
    const del = new CommerceDelete<CommerceEntity>('UserProfile');
    del.searchCriteria.model['email'] = 'u1@example.com';
    expect((await s.foundation.processRequest(del)).operationResponses[0].count).toBe(1);
  });

  test('"requires the ID or e-mail address": a user is deleted by its id, or by its email', async () => {
    await createUser(s.foundation, { id: 'u1' });
    await createUser(s.foundation, { id: 'u2' });
    expect((await run(deleteBy('id', 'u1'))).operationResponses[0].count).toBe(1);
    expect((await run(deleteBy('email', 'u2@example.com'))).operationResponses[0].count).toBe(1);
    expect((await storedIds(s.foundation)).users).toEqual([]);
  });

  test('"If both Email and Id are specified, an exception will be thrown", before any SQL', async () => {
    const del = deleteBy('id', 'u1');
    del.searchCriteria.model.email = 'u1@example.com';
    expect(await validationFaultOf(del)).toEqual([{ property: 'searchCriteria.model', errorMessage: 'give id or email, not both' }]);
  });

  test('"Required if Email is not specified": neither is a ValidationFault, before any SQL', async () => {
    expect(await validationFaultOf(new CommerceDelete<UserProfile>('UserProfile'))).toEqual([
      { property: 'searchCriteria.model', errorMessage: 'id or email is required' },
    ]);
  });

  test('"An exception will be thrown if any model type other than UserProfile is specified"', async () => {
    const del = deleteBy('id', 'u1');
    (del.searchCriteria.model as Record<string, unknown>)['modelName'] = 'Address';
    expect((await validationFaultOf(del))[0]?.property).toBe('searchCriteria.model.modelName');
  });

  test('"supports the CommerceModelSearch<UserProfile> criteria mechanism only": other criteria are refused', async () => {
    const del = deleteBy('id', 'u1');
    del.searchCriteria.model.firstName = 'Ann';
    expect(await validationFaultOf(del)).toEqual([{ property: 'searchCriteria.model.firstName', errorMessage: 'a UserProfile is identified by id or email only' }]);
  });

  test('"Deletes the addresses associated with this user profile if they are not in use by other users"', async () => {
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('mine'), addressModel('shared')] });
    await createUser(s.foundation, { id: 'u2', addresses: ['shared', addressModel('theirs')] });
    await run(deleteBy('id', 'u1'));
    const stored = await storedIds(s.foundation);
    expect(stored.addresses).toEqual(['shared', 'theirs']);
    expect(stored.addressLinks).toEqual(['u2:shared', 'u2:theirs']);
    const u2 = await s.foundation.processRequest(queryBy('id', 'u2', 'Addresses'));
    expect(u2.operationResponses[0].commerceEntities[0]?.addresses?.map((a) => a.id)).toEqual(['shared', 'theirs']);
  });

  test('"Deletes the credit cards associated with this user if they are not in use by another user"', async () => {
    await createUser(s.foundation, { id: 'u1', cards: [cardModel('mine'), cardModel('shared')] });
    await createUser(s.foundation, { id: 'u2', cards: ['shared'] });
    await run(deleteBy('email', 'u1@example.com'));
    expect((await storedIds(s.foundation)).cards).toEqual(['shared']);
  });

  test("a billing address only the user's own deleted card uses goes too; one a shared card still uses stays", async () => {
    await createUser(s.foundation, {
      id: 'u1',
      addresses: [addressModel('billing-own'), addressModel('billing-shared')],
      cards: [cardModel('own', { billingAddressId: 'billing-own' }), cardModel('shared', { billingAddressId: 'billing-shared' })],
    });
    await createUser(s.foundation, { id: 'u2', cards: ['shared'] });
    await run(deleteBy('id', 'u1'));
    const stored = await storedIds(s.foundation);
    expect(stored.cards).toEqual(['shared']);
    expect(stored.addresses).toEqual(['billing-shared']);
  });

  test("with the cards processor taken out of the sequence, a card's billing address stays with the card, and the rest goes", async () => {
    await s.stop();
    s = await startFoundation(target, {
      files: {
        'config/commerce.json': { encryptionKey: testEncryptionKey },
        'sequences/CommerceDeleteOperation_UserProfile.json': { components: [{ name: 'UserProfileLoader' }, { name: 'UserProfileAddressesProcessor' }, { name: 'UserProfileCommitter' }] },
      },
    });
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('billing'), addressModel('other')], cards: [cardModel('c1', { billingAddressId: 'billing' })] });
    await run(deleteBy('id', 'u1'));
    const stored = await storedIds(s.foundation);
    expect(stored.cards).toEqual(['c1']);
    expect(stored.addresses).toEqual(['billing']);
  });

  test('"UserProfileCommitter: Deletes the user": gone from the store and from the cache', async () => {
    await createUser(s.foundation, { id: 'u1' });
    await s.foundation.processRequest(queryBy('id', 'u1'));
    await run(deleteBy('id', 'u1'));
    expect(await s.foundation.profiles.getProfile('u1', 'UserObject')).toBeNull();
    expect((await s.foundation.processRequest(queryBy('email', 'u1@example.com'))).operationResponses[0].commerceEntities).toEqual([]);
  });

  test('the response builders put the deleted user into the response as it was, with the related items asked for', async () => {
    await createShippingMethods(s.foundation, ['ground']);
    await createUser(s.foundation, {
      id: 'u1',
      extra: { firstName: 'Ann' },
      addresses: [addressModel('a1')],
      cards: [cardModel('c1', { billingAddressId: 'a1' })],
      shippingMethods: ['ground'],
    });
    const { operationResponses } = await run(deleteBy('id', 'u1', 'Addresses', 'CreditCards', 'ShippingMethods', 'PreferredAddress'));
    const [entity] = operationResponses[0].commerceEntities;
    expect(entity).toMatchObject({ modelName: 'UserProfile', id: 'u1', email: 'u1@example.com', firstName: 'Ann', accountStatus: 1 });
    expect(entity?.addresses?.map((a) => [a.id, a.city])).toEqual([['a1', 'Oslo']]);
    expect(entity?.creditCards).toEqual([
      expect.objectContaining({ id: 'c1', creditCardNumber: '************1111', creditCardIdentifier: '1111', billingAddressId: 'a1' }),
    ]);
    expect(entity?.shippingMethods?.map((m) => m.id)).toEqual(['ground']);
    expect((await storedIds(s.foundation)).shippingMethods).toEqual(['ground']);
  });

  test('"the items deleted count will not be incremented" for an id that does not exist, and nothing is thrown', async () => {
    await createUser(s.foundation, { id: 'u1' });
    const { operationResponses } = await run(deleteBy('id', 'nobody', 'Addresses'));
    expect(operationResponses[0]).toEqual({ count: 0, commerceEntities: [] });
    expect((await storedIds(s.foundation)).users).toEqual(['u1']);
  });

  test('"UserProfileLoader: Loads the … component and caches it for further Operation Sequence processing"', async () => {
    await s.stop();
    const seen: unknown[] = [];
    const Inspect = { execute: (context: OperationContext) => void seen.push(context.require(ModelSlots.profiles).map((u) => u.primaryKey)) };
    s = await startFoundation(target, {
      files: { 'sequences/CommerceDeleteOperation_UserProfile.json': { components: [{ name: 'UserProfileLoader' }, { name: 'Inspect' }, { name: 'UserProfileCommitter' }] } },
      components: { Inspect },
    });
    await createUser(s.foundation, { id: 'u1' });
    s.sql.reset();
    await run(deleteBy('email', 'u1@example.com'));
    expect(seen).toEqual([['u1']]);
  });

  test('in one request, the count goes up for each user deleted and not for an id that does not exist', async () => {
    await createUser(s.foundation, { id: 'u1' });
    await createUser(s.foundation, { id: 'u2' });
    const response = await s.foundation.processRequest(new CommerceRequest([deleteBy('id', 'u1'), deleteBy('id', 'ghost'), deleteBy('email', 'u2@example.com')]));
    expect(response.operationResponses.map((r) => r.count)).toEqual([1, 0, 1]);
  });

  test('the shipped sequence runs the documented components in the documented order', async () => {
    await createUser(s.foundation, { id: 'u1' });
    const { trace } = await run(deleteBy('id', 'u1'));
    expect(trace?.map((t) => t.component)).toEqual([
      'UserProfileLoader',
      'UserProfileAddressesProcessor',
      'UserProfileCreditCardsProcessor',
      'UserProfileCommitter',
      'UserProfileResponseBuilder',
      'UserProfileAddressResponseBuilder',
      'UserProfileCreditCardsResponseBuilder',
      'UserProfileShippingMethodsResponseBuilder',
    ]);
  });
});
