import { CommerceCreate, CommerceDelete, CommerceQuery, CommerceUpdate, ItemDoesNotExistFault, ValidationFault, type UserProfile } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { byKey, createEntity, entityOf, faultOf, idsIn, removeItem } from '../../support/storeModel.js';
import { addressModel, createUser, queryBy, related } from '../../support/userProfiles.js';

interface Organization {
  id: string;
  name: string;
  tradeName?: string;
  status?: 'Active' | 'Suspended';
  preferredAddressId?: string;
  dateCreated?: string;
  addresses?: { id: string }[];
  preferredAddress?: { id: string };
}

/** The shipped Organization: a definition, a model and four sequences, run by the generic components. */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target);
  });

  const organization = (id: string, ...related: string[]) => entityOf<Organization>(s.foundation, byKey(CommerceQuery, 'Organization', { id }, ...related));
  const update = (id: string, model: Partial<Organization>, ...relatedOps: CommerceUpdate['relatedOperations']) => {
    const op = byKey(CommerceUpdate<Organization>, 'Organization', { id }, ...relatedOps);
    op.model = model;
    return op;
  };
  const user = async (id: string) => (await s.foundation.processRequest(queryBy('id', id))).operationResponses[0].commerceEntities[0];

  test('its four sequences are the shipped ones, from the organization module', () => {
    for (const op of ['Create', 'Query', 'Update', 'Delete']) expect(s.foundation.sequences.get(`Commerce${op}Operation_Organization`)?.origin).toBe('module organization');
  });

  test('Create, Query, Update and Delete, with addresses; the status is "Active" unless given', async () => {
    const created = await createEntity<Organization>(s.foundation, 'Organization', { id: 'o1', name: 'Acme', tradeName: 'Acme AS' }, related('Addresses', addressModel('hq')));
    expect(created).toMatchObject({ modelName: 'Organization', id: 'o1', name: 'Acme', tradeName: 'Acme AS', status: 'Active', addresses: [{ id: 'hq' }] });
    expect(new Date(created.dateCreated ?? '').toISOString()).toBe(created.dateCreated);
    expect(await s.foundation.knex('organization').where({ org_id: 'o1' }).first('status')).toEqual({ status: 'Active' });

    await s.foundation.processRequest(update('o1', { status: 'Suspended', preferredAddressId: 'hq' }, related('Addresses', addressModel('depot'))));
    expect(await organization('o1', 'Addresses', 'PreferredAddress')).toMatchObject({
      status: 'Suspended',
      preferredAddress: { id: 'hq' },
      addresses: [{ id: 'hq' }, { id: 'depot' }],
    });
    await s.foundation.processRequest(update('o1', {}, removeItem('Addresses', 'depot')));
    expect(await idsIn(s.foundation, 'address', 'address_id')).toEqual(['hq']);

    const deleted = await s.foundation.processRequest(byKey(CommerceDelete, 'Organization', { id: 'o1' }, 'Addresses'));
    expect(deleted.operationResponses[0]).toMatchObject({ count: 1, commerceEntities: [{ id: 'o1', addresses: [{ id: 'hq' }] }] });
    expect(await organization('o1')).toBeUndefined();
    expect(await idsIn(s.foundation, 'address', 'address_id')).toEqual([]);
  });

  test('its model file constrains requests before any SQL: name required and at most 128 characters, status one of two', async () => {
    s.sql.reset();
    const create = (model: Partial<Organization>) => Object.assign(new CommerceCreate<Organization>('Organization'), { model });
    const errorsOf = async (op: CommerceCreate<Organization> | CommerceUpdate<Organization>) => ((await faultOf(s.foundation, op)) as ValidationFault).validationErrors;
    expect(await errorsOf(create({ id: 'o1' }))).toEqual([{ property: 'model.name', errorMessage: 'name is required' }]);
    expect(await errorsOf(create({ name: 'A'.repeat(129) }))).toEqual([{ property: 'model.name', errorMessage: 'is longer than 128 characters' }]);
    expect(await errorsOf(update('o1', { status: 'Closed' as never }))).toEqual([{ property: 'model.status', errorMessage: expect.stringMatching(/"Active"\|"Suspended"/) }]);
    expect(await errorsOf(update('o1', { dateCreated: '2020-01-01T00:00:00.000Z' }))).toEqual([{ property: 'model.dateCreated', errorMessage: 'dateCreated is set by the system and cannot be written' }]);
    expect(s.sql.count()).toBe(0);
  });

  test("a user's organizationId must name an organization: an unknown id is ItemDoesNotExistFault, and nothing is written", async () => {
    await createEntity(s.foundation, 'Organization', { id: 'o1', name: 'Acme' });
    const fault = await createUser(s.foundation, { id: 'u1', extra: { organizationId: 'nope' } }).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ItemDoesNotExistFault);
    expect((fault as Error).message).toBe('No Organization has the id given in model.organizationId');
    expect(await idsIn(s.foundation, 'user_object', 'user_id')).toEqual([]);

    await createUser(s.foundation, { id: 'u1', extra: { organizationId: 'o1' } });
    expect(await user('u1')).toMatchObject({ organizationId: 'o1' });
    const move = Object.assign(byKey(CommerceUpdate<UserProfile>, 'UserProfile', { id: 'u1' }), { model: { organizationId: 'gone' } });
    expect(await faultOf(s.foundation, move)).toBeInstanceOf(ItemDoesNotExistFault);
    expect(await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('org_id')).toEqual({ org_id: 'o1' });
  });

  test("deleting an organization clears its users' organizationId (in the store and in the cache)", async () => {
    await createUser(s.foundation, { id: 'boss' });
    await createEntity(s.foundation, 'Organization', { id: 'o1', name: 'Acme' });
    await createUser(s.foundation, { id: 'u1', extra: { organizationId: 'o1' } });
    await createUser(s.foundation, { id: 'u2', extra: { organizationId: 'o1' } });
    expect(await user('u1')).toMatchObject({ organizationId: 'o1' });

    await s.foundation.processRequest(byKey(CommerceDelete, 'Organization', { id: 'o1' }));
    expect(await s.foundation.knex('user_object').whereNotNull('org_id').pluck('user_id')).toEqual([]);
    expect((await user('u1'))?.organizationId).toBeUndefined();
    expect(await idsIn(s.foundation, 'user_object', 'user_id')).toEqual(['boss', 'u1', 'u2']);
  });

});
