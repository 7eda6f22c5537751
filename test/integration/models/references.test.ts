import { CommerceQuery, CommerceUpdate, ItemDoesNotExistFault } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { byKey, createEntity, entityOf, faultOf, idsIn, storeFiles, storeValues, updateItem, type Store } from '../../support/storeModel.js';
import { addressModel, cardModel, createUser, deleteBy, related } from '../../support/userProfiles.js';

/** A reference property behind no relationship (a store's managerId, a card's billingAddressId): checked to exist. */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: storeFiles() });
    await createUser(s.foundation, { id: 'boss', addresses: [addressModel('hq')] });
  });

  const update = (model: Partial<Store>, ...relatedOps: CommerceUpdate['relatedOperations']) => {
    const op = byKey(CommerceUpdate<Store>, 'Store', { id: 's1' }, ...relatedOps);
    op.model = model;
    return op;
  };
  const manager = async () => (await entityOf(s.foundation, byKey(CommerceQuery<Store>, 'Store', { id: 's1' })))?.managerId;
  const expectMissing = (fault: unknown, message: string) => {
    expect(fault).toBeInstanceOf(ItemDoesNotExistFault);
    expect((fault as Error).message).toBe(message);
  };

  test('a Create or an Update may name an existing profile; the id is stored and answered', async () => {
    expect(await createEntity<Store>(s.foundation, 'Store', storeValues('s1', { managerId: 'boss' }))).toMatchObject({ managerId: 'boss' });
    expect(await s.foundation.knex('store').where({ store_id: 's1' }).first('manager')).toEqual({ manager: 'boss' });
    await createUser(s.foundation, { id: 'deputy' });
    await s.foundation.processRequest(update({ managerId: 'deputy' }));
    expect(await manager()).toBe('deputy');
  });

  test('an id that names no profile is ItemDoesNotExistFault naming where it was given, and nothing is written', async () => {
    const create = createEntity(s.foundation, 'Store', storeValues('s1', { managerId: 'nobody' }));
    expectMissing(await create.catch((e: unknown) => e), 'No UserProfile has the id given in model.managerId');
    expect(await idsIn(s.foundation, 'store', 'store_id')).toEqual([]);
    await createEntity(s.foundation, 'Store', storeValues('s1', { managerId: 'boss' }));
    expectMissing(await faultOf(s.foundation, update({ managerId: 'nobody', name: 'Renamed' })), 'No UserProfile has the id given in model.managerId');
    expect(await s.foundation.knex('store').where({ store_id: 's1' }).first('manager', 'name')).toEqual({ manager: 'boss', name: 'Store s1' });
  });

  test("a related item's reference is checked the same way, where the related operation gave it", async () => {
    await createEntity(s.foundation, 'Store', storeValues('s1'), related('Cards', cardModel('k1', { billingAddressId: 'hq' })));
    expect(await s.foundation.knex('credit_card').where({ id: 'k1' }).first('billing_address')).toEqual({ billing_address: 'hq' });
    const newCard = related('Cards', cardModel('k2', { billingAddressId: 'nowhere' }));
    expectMissing(await faultOf(s.foundation, update({}, newCard)), 'No Address has the id given in relatedOperations[0].model.billingAddressId');
    const changed = updateItem('Cards', 'k1', { billingAddressId: 'nowhere' });
    expectMissing(await faultOf(s.foundation, update({}, changed)), 'No Address has the id given in relatedOperations[0].model.billingAddressId');
    expect(await idsIn(s.foundation, 'credit_card', 'id')).toEqual(['k1']);
    expect(await s.foundation.knex('credit_card').where({ id: 'k1' }).first('billing_address')).toEqual({ billing_address: 'hq' });
  });

  test('deleting the profile a store names clears the reference', async () => {
    await createEntity(s.foundation, 'Store', storeValues('s1', { managerId: 'boss' }));
    await s.foundation.processRequest(deleteBy('id', 'boss'));
    expect(await s.foundation.knex('store').where({ store_id: 's1' }).first('manager')).toEqual({ manager: null });
    expect(await manager()).toBeUndefined();
  });
});
