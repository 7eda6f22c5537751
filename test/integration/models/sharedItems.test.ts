import { CommerceDelete, CommerceUpdate } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { byKey, createEntity, idsIn, removeItem, storeFiles, storeValues } from '../../support/storeModel.js';
import { addressModel, cardModel, createUser, related } from '../../support/userProfiles.js';

/**
 * deleteWhenUnused across models: an address (or card) goes only when no profile of any definition uses it any more,
 * whichever model held it — a user, the shipped Organization, the data-declared Store.
 */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: storeFiles() });
  });

  const addresses = () => idsIn(s.foundation, 'address', 'address_id');
  const cards = () => idsIn(s.foundation, 'credit_card', 'id');
  const owners = {
    user: () => s.foundation.processRequest(byKey(CommerceDelete, 'UserProfile', { id: 'u1' })),
    organization: () => s.foundation.processRequest(byKey(CommerceDelete, 'Organization', { id: 'o1' })),
    store: () => s.foundation.processRequest(byKey(CommerceDelete, 'Store', { id: 's1' })),
  };
  type Owner = keyof typeof owners;

  async function shareAddresses() {
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('both'), addressModel('userOnly')] });
    await createEntity(s.foundation, 'Organization', { id: 'o1', name: 'Acme' }, related('Addresses', { id: 'both' }), related('Addresses', addressModel('orgOnly')));
    await createEntity(s.foundation, 'Store', storeValues('s1'), related('Addresses', { id: 'both' }), related('Addresses', addressModel('storeOnly')));
  }

  const orders: Owner[][] = [
    ['user', 'organization', 'store'],
    ['organization', 'store', 'user'],
    ['store', 'user', 'organization'],
  ];
  test.each(orders)('an address a user, an organization and a store share survives the deletion of %s, then %s, and goes with %s', async (...order) => {
    await shareAddresses();
    const only = { user: 'userOnly', organization: 'orgOnly', store: 'storeOnly' };
    const left = new Set(['both', 'orgOnly', 'storeOnly', 'userOnly']);
    for (const [i, owner] of order.entries()) {
      expect((await owners[owner]()).operationResponses[0].count).toBe(1);
      left.delete(only[owner]);
      if (i === order.length - 1) left.delete('both');
      expect(await addresses()).toEqual([...left].sort());
    }
  });

  test("an organization's preferred address that a user lists survives the organization; the user's own goes with the user", async () => {
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('hq')] });
    await createEntity(s.foundation, 'Organization', { id: 'o1', name: 'Acme', preferredAddressId: 'hq' });
    await owners.organization();
    expect(await addresses()).toEqual(['hq']);
    await owners.user();
    expect(await addresses()).toEqual([]);
  });

  test('an address a store lets go of is kept while an organization uses it, and goes when the organization lets go too', async () => {
    await shareAddresses();
    await s.foundation.processRequest(byKey(CommerceUpdate, 'Store', { id: 's1' }, removeItem('Addresses', 'both')));
    await owners.user();
    expect(await addresses()).toContain('both');
    await s.foundation.processRequest(byKey(CommerceUpdate, 'Organization', { id: 'o1' }, removeItem('Addresses', 'both')));
    expect(await addresses()).toEqual(['orgOnly', 'storeOnly']);
  });

  test("a store's card goes with it, and so does the card's billing address when nothing else uses it", async () => {
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('userBilling')] });
    await createEntity(s.foundation, 'Store', storeValues('s1'), related('Addresses', addressModel('storeBilling')), related('Cards', cardModel('k1', { billingAddressId: 'userBilling' })));
    await s.foundation.processRequest(byKey(CommerceUpdate, 'Store', { id: 's1' }, related('Cards', cardModel('k2', { billingAddressId: 'storeBilling' }))));
    await createEntity(s.foundation, 'Store', storeValues('s2'), related('Cards', cardModel('k3', { billingAddressId: 'alone' })), related('Addresses', addressModel('alone')));
    await s.foundation.processRequest(byKey(CommerceUpdate, 'Store', { id: 's2' }, removeItem('Addresses', 'alone')));
    expect(await addresses()).toEqual(['alone', 'storeBilling', 'userBilling']);

    await owners.store();
    expect(await cards()).toEqual(['k3']);
    expect(await addresses()).toEqual(['alone', 'userBilling']);
    await s.foundation.processRequest(byKey(CommerceDelete, 'Store', { id: 's2' }));
    expect(await cards()).toEqual([]);
    expect(await addresses()).toEqual(['userBilling']);
  });

  test('a card a user shares with a store stays, with its billing address, until both are gone', async () => {
    await createEntity(s.foundation, 'Store', storeValues('s1'), related('Addresses', addressModel('billing')), related('Cards', cardModel('k1', { billingAddressId: 'billing' })));
    await createUser(s.foundation, { id: 'u1', cards: ['k1'] });
    await owners.store();
    expect({ cards: await cards(), addresses: await addresses() }).toEqual({ cards: ['k1'], addresses: ['billing'] });
    await owners.user();
    expect({ cards: await cards(), addresses: await addresses() }).toEqual({ cards: [], addresses: [] });
  });
});
