import { CommerceDelete, CommerceQuery, CommerceQueryRelatedItem, CommerceUpdate, ValidationFault, type CommerceFoundation } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { storeFiles, storeModel, type Store } from '../../support/storeModel.js';

/** The Store model declared in data, searchable by name, rating and status, and deleted in bulk by a search. */
const searchableStore = {
  ...storeModel,
  bulk: true,
  properties: {
    ...storeModel.properties,
    name: { ...storeModel.properties.name, searchable: true },
    rating: { ...storeModel.properties.rating, searchable: true },
    status: { ...storeModel.properties.status, searchable: true },
  },
};

/** `count` stores in group `group`: ratings and statuses varied; each with an own address, every second one sharing `shared-<group>`. */
async function seedStores(foundation: CommerceFoundation, group: string, count: number) {
  const { profiles } = foundation;
  const shared = profiles.newProfile(`shared-${group}`, 'Address').set('GeneralInfo.city', 'Oslo');
  const own = Array.from({ length: count }, (_, i) => profiles.newProfile(`${group}-a${i}`, 'Address').set('GeneralInfo.city', 'Bergen'));
  const stores = own.map((address, i) =>
    profiles
      .newProfile(`${group}-${String(i).padStart(3, '0')}`, 'Store')
      .set('GeneralInfo.code', `${group.slice(0, 2).toUpperCase()}-${String(i).padStart(3, '0')}`)
      .set('GeneralInfo.name', `${group} store ${(i * 7) % count}`)
      .set('GeneralInfo.rating', (i * 3) % 6)
      .set('GeneralInfo.status', i % 4 === 0 ? 'Closed' : 'Open')
      .set('GeneralInfo.address_list', i % 2 === 0 ? [address.primaryKey, shared.primaryKey] : [address.primaryKey]),
  );
  await profiles.saveProfiles([shared, ...own, ...stores]);
  return stores.map((s) => ({ id: String(s.primaryKey), rating: s.get('GeneralInfo.rating') as number, status: s.get('GeneralInfo.status') as string }));
}

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: storeFiles({}, searchableStore) });
  });

  const query = (build: (q: CommerceQuery<Store>) => void) => {
    const q = new CommerceQuery<Store>('Store');
    build(q);
    return s.foundation.processRequest(q).then((r) => r.operationResponses[0]);
  };

  test('a model declared in data is searched, sorted and paged by its searchable properties', async () => {
    const stores = await seedStores(s.foundation, 'north', 30);
    const open = stores.filter((x) => x.status === 'Open' && x.rating >= 2);
    const expected = [...open].sort((a, b) => b.rating - a.rating || (a.id < b.id ? -1 : 1)).map((x) => x.id);
    const answer = await query((q) => {
      q.searchCriteria.model.status = 'Open';
      q.searchCriteria.filter = { property: 'rating', op: 'gte', value: 2 };
      q.searchCriteria.sortProperties = [{ property: 'rating', sortDirection: 'Descending' }];
      q.searchCriteria.firstItemIndex = 3;
      q.searchCriteria.numberOfItemsToReturn = 5;
      q.searchCriteria.returnTotalItemCount = true;
      q.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'));
    });
    expect(answer.commerceEntities.map((x) => x.id)).toEqual(expected.slice(3, 8));
    expect(answer.totalItemCount).toBe(open.length);
    expect(answer.commerceEntities.every((x) => (x).addresses?.some((a) => a.id.startsWith('north-a')))).toBe(true);
  });

  test('a property the model file does not make searchable is refused, before any SQL', async () => {
    s.sql.reset();
    const fault = await query((q) => (q.searchCriteria.filter = { property: 'floors', op: 'gt', value: 1 })).catch((e: unknown) => e);
    expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'searchCriteria.filter.property', errorMessage: 'floors is not searchable; Store can be searched by id, code, name, rating, status' }]);
    expect(s.sql.count()).toBe(0);
  });

  test('"bulk": true: a Delete by a search deletes every store found, and the addresses only they used, in one transaction', async () => {
    const stores = await seedStores(s.foundation, 'west', 10);
    const del = new CommerceDelete<Store>('Store');
    del.searchCriteria.model.status = 'Closed';
    del.searchCriteria.filter = { property: 'name', op: 'startsWith', value: 'west' };
    const response = (await s.foundation.processRequest(del)).operationResponses[0];
    const closed = stores.filter((x) => x.status === 'Closed').map((x) => x.id);
    expect(response.count).toBe(closed.length);
    expect(response.commerceEntities.map((x) => x.id).sort()).toEqual(closed);
    const { profiles } = s.foundation;
    expect(await profiles.getProfiles(closed, 'Store')).toEqual([]);
    const ownOfClosed = closed.map((id) => `west-a${Number(id.slice(-3))}`);
    expect(await profiles.getProfiles(ownOfClosed, 'Address')).toEqual([]);
    // the shared address stays: open stores use it too; the open stores' own addresses stay
    expect((await profiles.getProfiles(['shared-west', 'west-a1', 'west-a2'], 'Address')).map((a) => a.primaryKey)).toEqual(['shared-west', 'west-a1', 'west-a2']);
  });

  test('a bulk Delete frees an address the deleted stores alone shared, and sends as many statements for 2 stores as for 40', async () => {
    const statementsToDelete = async (group: string, count: number) => {
      await seedStores(s.foundation, group, count);
      const del = new CommerceDelete<Store>('Store');
      del.searchCriteria.filter = { property: 'name', op: 'startsWith', value: group };
      await s.foundation.profileManagement.refreshProfileCache();
      const response = await s.foundation.processRequest(del, { trace: true });
      expect(response.operationResponses[0].count).toBe(count);
      expect(await s.foundation.profiles.getProfile(`shared-${group}`, 'Address')).toBeNull();
      return (response.trace ?? []).reduce((sum, t) => sum + t.sqlStatements, 0);
    };
    expect(await statementsToDelete('east', 2)).toBe(await statementsToDelete('south', 40));
  });

  test('"bulk": true: an Update by a search changes every store found', async () => {
    const stores = await seedStores(s.foundation, 'mid', 12);
    const update = new CommerceUpdate<Store>('Store');
    update.searchCriteria.filter = { all: [{ property: 'name', op: 'startsWith', value: 'mid' }, { property: 'rating', op: 'lt', value: 2 }] };
    update.model.floors = 9;
    const changed = (await s.foundation.processRequest(update)).operationResponses[0].commerceEntities.map((x) => x.id).sort();
    expect(changed).toEqual(stores.filter((x) => x.rating < 2).map((x) => x.id));
    const answer = await query((q) => (q.searchCriteria.filter = { property: 'name', op: 'startsWith', value: 'mid' }));
    expect(answer.commerceEntities.filter((x) => x.floors === 9).map((x) => x.id)).toEqual(changed);
  });

  test('a bulk Delete must name something: no model values and no filter is refused', async () => {
    const fault = await s.foundation.processRequest(new CommerceDelete<Store>('Store')).catch((e: unknown) => e);
    expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'searchCriteria', errorMessage: 'give the model values or the filter that name what to change' }]);
  });
});

forEachDatabase((target) => {
  test('a related query takes no filter: refused, not ignored', async () => {
    const { foundation } = await startFoundation(target, { files: storeFiles({}, searchableStore) });
    const q = new CommerceQuery<Store>('Store');
    const addresses = new CommerceQueryRelatedItem('Addresses');
    addresses.searchCriteria.filter = { property: 'city', op: 'eq', value: 'Oslo' };
    q.relatedOperations.push(addresses);
    const fault = await foundation.processRequest(q).catch((e: unknown) => e);
    expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'relatedOperations[0].searchCriteria.filter', errorMessage: 'a related operation takes no filter: its items are those Addresses holds' }]);
  });
});

forEachDatabase((target) => {
  test('a boolean property: eq, ne (a profile without a value too), in, isNull, and sorted (descending: true, false, then none)', async () => {
    const flagged = { name: 'Flagged', properties: [{ name: 'GeneralInfo.id', type: 'string', keys: ['DUAL'], maxLength: 20 }, { name: 'GeneralInfo.active', type: 'boolean', indexed: true }] };
    const { foundation } = await startFoundation(target, { files: { 'config/profiles/Flagged.json': flagged } });
    const values = [true, false, null, true, false, true];
    await foundation.profiles.saveProfiles(values.map((active, i) => foundation.profiles.newProfile(`f${i}`, 'Flagged').set('GeneralInfo.active', active)));
    const keys = async (options: Parameters<typeof foundation.profileManagement.searchProfiles>[1]) =>
      (await foundation.profileManagement.searchProfiles('Flagged', options)).profiles.map((p) => p.primaryKey);
    const active = 'GeneralInfo.active';
    expect(await keys({ filter: { property: active, op: 'eq', value: true } })).toEqual(['f0', 'f3', 'f5']);
    expect(await keys({ filter: { property: active, op: 'ne', value: true } })).toEqual(['f1', 'f2', 'f4']);
    expect(await keys({ filter: { property: active, op: 'in', value: [false] } })).toEqual(['f1', 'f4']);
    expect(await keys({ filter: { property: active, op: 'isNull' } })).toEqual(['f2']);
    expect(await keys({ sort: [{ property: active, sortDirection: 'Descending' }] })).toEqual(['f0', 'f3', 'f5', 'f1', 'f4', 'f2']);
    await expect(keys({ filter: { property: active, op: 'lt', value: true } })).rejects.toThrow(/filter\.op: lt does not apply to GeneralInfo\.active, a boolean property/);
    await expect(keys({ filter: { property: active, op: 'eq', value: 1 } })).rejects.toThrow(/filter\.value: must be true or false/);
  });
});
