import { CommerceDelete, CommerceQuery, CommerceQueryRelatedItem, CommerceUpdate, ItemDoesNotExistFault, type CommerceRelatedOperation, type WritableValues } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { byKey, createEntity, entityOf, faultOf, idsIn, removeItem, storeFiles, storeValues, updateItem, type Store } from '../../support/storeModel.js';
import { addressModel, cardModel, createUser, related } from '../../support/userProfiles.js';

/** The four related-item operations, the preferred address and related queries, on the data-declared Store model. */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: storeFiles() });
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('shared'), addressModel('theirs')] });
    await createEntity(s.foundation, 'Store', storeValues('s1'), related('Addresses', addressModel('mine')), related('Addresses', { id: 'shared' }), related('Cards', cardModel('k1')));
  });

  const update = (model: WritableValues<Store>, ...relatedOps: (CommerceRelatedOperation<object> | string)[]) => {
    const op = byKey(CommerceUpdate<Store>, 'Store', { id: 's1' }, ...relatedOps);
    op.model = model;
    return entityOf(s.foundation, op);
  };
  const stored = (...relationships: (CommerceRelatedOperation<object> | string)[]) => entityOf(s.foundation, byKey(CommerceQuery<Store>, 'Store', { id: 's1' }, ...relationships));
  const addressIds = async () => (await stored('Addresses'))?.addresses?.map((a) => a.id);
  const links = () => s.foundation.knex('store_address_list').orderBy('position').pluck('item_key');

  test('a store is found by either of its keys, id or code, for a Query, an Update and a Delete; a missing one is no store', async () => {
    const { code } = storeValues('s1');
    expect(await stored()).toMatchObject({ id: 's1', code });
    expect(await entityOf(s.foundation, Object.assign(byKey(CommerceUpdate, 'Store', { code }), { model: { name: 'Renamed' } }))).toMatchObject({ id: 's1', name: 'Renamed' });
    expect(await entityOf(s.foundation, byKey(CommerceQuery, 'Store', { code: 'ZZ-999' }))).toBeUndefined();
    const missing = await faultOf(s.foundation, Object.assign(byKey(CommerceUpdate, 'Store', { code: 'ZZ-999' }), { model: { name: 'Other' } }));
    expect((missing as Error).message).toBe('No Store has the code given');
    expect((await s.foundation.processRequest(byKey(CommerceDelete, 'Store', { code }))).operationResponses[0].count).toBe(1);
    expect(await idsIn(s.foundation, 'store', 'store_id')).toEqual([]);
  });

  test('Create: a new item is created, an existing one associated by its id alone; the response carries both', async () => {
    const created = await createEntity<Store>(s.foundation, 'Store', storeValues('s2'), related('Addresses', addressModel('new')), related('Addresses', { id: 'theirs' }));
    expect(created.addresses?.map((a) => a.id)).toEqual(['new', 'theirs']);
    expect(await s.foundation.knex('store_address_list').where({ owner_key: 's2' }).orderBy('position').pluck('item_key')).toEqual(['new', 'theirs']);
    expect(await idsIn(s.foundation, 'address', 'address_id')).toEqual(['mine', 'new', 'shared', 'theirs']);
    expect((await stored('Cards'))?.cards).toEqual([expect.objectContaining({ id: 'k1', creditCardNumber: '************1111' })]);
  });

  test('Create: associating an id that does not exist is ItemDoesNotExistFault naming where it was given, and nothing is stored', async () => {
    const create = createEntity(s.foundation, 'Store', storeValues('s2'), related('Addresses', addressModel('new')), related('Addresses', { id: 'nowhere' }));
    const error = await create.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemDoesNotExistFault);
    expect((error as Error).message).toBe('No Address has the id given in relatedOperations[1].model.id');
    expect(await idsIn(s.foundation, 'store', 'store_id')).toEqual(['s1']);
    expect(await idsIn(s.foundation, 'address', 'address_id')).toEqual(['mine', 'shared', 'theirs']);
  });

  test('Update: creates a new item and associates an existing one', async () => {
    const store = await update({}, related('Addresses', addressModel('new')), related('Addresses', { id: 'theirs' }), new CommerceQueryRelatedItem('Addresses'));
    expect(store?.addresses?.map((a) => a.id)).toEqual(['mine', 'shared', 'new', 'theirs']);
    expect(await links()).toEqual(['mine', 'shared', 'new', 'theirs']);
  });

  test('Update: changes an item it holds (a shared one changes for its other owners too); one it does not hold is ItemDoesNotExistFault', async () => {
    await update({}, updateItem('Addresses', 'shared', { city: 'Bergen' }));
    expect(await s.foundation.knex('address').where({ address_id: 'shared' }).first('city')).toEqual({ city: 'Bergen' });
    for (const op of [updateItem('Addresses', 'theirs', { city: 'X' }), removeItem('Addresses', 'theirs')]) {
      const fault = await faultOf(s.foundation, Object.assign(byKey(CommerceUpdate, 'Store', { id: 's1' }, op), { model: {} }));
      expect(fault).toBeInstanceOf(ItemDoesNotExistFault);
      expect((fault as Error).message).toBe("The Store's Addresses hold no Address with the id given in relatedOperations[0].searchCriteria.model.id");
    }
    expect(await s.foundation.knex('address').where({ address_id: 'theirs' }).first('city')).toEqual({ city: 'Oslo' });
  });

  test('Update: removing an item deletes it when nothing else uses it; a shared one is only unlinked', async () => {
    const store = await update({}, removeItem('Addresses', 'mine'), removeItem('Addresses', 'shared'), removeItem('Cards', 'k1'), 'Addresses');
    expect(store?.addresses).toEqual([]);
    expect(await idsIn(s.foundation, 'address', 'address_id')).toEqual(['shared', 'theirs']);
    expect(await idsIn(s.foundation, 'credit_card', 'id')).toEqual([]);
    expect(await links()).toEqual([]);
  });

  test('oneOf: a preferred address created, or chosen by id, joins the addresses', async () => {
    let store = await update({}, related('PreferredAddress', addressModel('front')), 'Addresses', 'PreferredAddress');
    expect(store).toMatchObject({ preferredAddressId: 'front', preferredAddress: { id: 'front' } });
    expect(store?.addresses?.map((a) => a.id)).toEqual(['mine', 'shared', 'front']);
    store = await update({ preferredAddressId: 'theirs' }, 'Addresses');
    expect(store?.preferredAddressId).toBe('theirs');
    expect(store?.addresses?.map((a) => a.id)).toEqual(['mine', 'shared', 'front', 'theirs']);
  });

  test('oneOf: removing the preferred address from the addresses clears the preference; removing only the preference keeps it listed', async () => {
    await update({ preferredAddressId: 'mine' });
    expect(await update({}, removeItem('PreferredAddress', 'mine'), 'Addresses')).toMatchObject({ addresses: [{ id: 'mine' }, { id: 'shared' }] });
    expect((await stored())?.preferredAddressId).toBeUndefined();
    await update({ preferredAddressId: 'mine' });
    const store = await update({}, removeItem('Addresses', 'mine'));
    expect(store?.preferredAddressId).toBeUndefined();
    expect(await s.foundation.knex('store').where({ store_id: 's1' }).first('preferred_address')).toEqual({ preferred_address: null });
    expect(await idsIn(s.foundation, 'address', 'address_id')).toEqual(['shared', 'theirs']);
  });

  test('oneOf: null for preferredAddressId clears the preference and keeps the address listed', async () => {
    await update({ preferredAddressId: 'mine' });
    const store = await update({ preferredAddressId: null }, 'Addresses', 'PreferredAddress');
    expect(store).not.toHaveProperty('preferredAddressId');
    expect(store).not.toHaveProperty('preferredAddress');
    expect(store?.addresses?.map((a) => a.id)).toEqual(['mine', 'shared']);
    expect(await s.foundation.knex('store').where({ store_id: 's1' }).first('preferred_address')).toEqual({ preferred_address: null });
    expect(await idsIn(s.foundation, 'address', 'address_id')).toEqual(['mine', 'shared', 'theirs']);
  });

  test('related queries: sorted, paged, with propertiesToReturn and the total before paging', async () => {
    const cities = ['Bergen', 'Narvik', 'Alta', 'Tromsø', 'Molde'];
    await update({}, ...cities.map((city, i) => related('Addresses', addressModel(`c${i}`, { city }))));
    const query = new CommerceQueryRelatedItem<{ city: string }>('Addresses');
    const sortProperties = [{ property: 'city', sortDirection: 'Descending' as const }, { property: 'id', sortDirection: 'Ascending' as const }];
    query.searchCriteria = { model: {}, sortProperties, firstItemIndex: 2, numberOfItemsToReturn: 3, returnTotalItemCount: true };
    query.propertiesToReturn = ['city'];
    const store = await stored(query);
    // Tromsø c3, Oslo mine, Oslo shared, Narvik c1, Molde c4, Bergen c0, Alta c2: the page starts at the third.
    expect(store?.addresses).toEqual([
      { modelName: 'Address', id: 'shared', city: 'Oslo' },
      { modelName: 'Address', id: 'c1', city: 'Narvik' },
      { modelName: 'Address', id: 'c4', city: 'Molde' },
    ]);
    expect(store?.totalItemCounts).toEqual({ addresses: 7 });
    expect(await addressIds()).toHaveLength(7);
  });
});
