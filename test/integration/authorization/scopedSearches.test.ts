import { Authorizer } from '../../../src/authorization/Authorizer.js';
import { AuthorizationFault, authorizationConfigSchema, CommerceCreate, CommerceQuery, CommerceUpdate, ModelsToken, type Models, type RequestContext } from '../../../src/index.js';
import { authorizationRules } from '../../support/authorizationRules.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';

/**
 * Searches by a searchable property or by a filter, asked of the Authorizer itself and then run through
 * processRequest: a scoped rule allows a search only when it names the caller's key, or the caller's own value of the
 * scope property, whatever else it filters on — and what the search then finds is within the scope, since the
 * search's equalities and its filter all hold together.
 */
forEachDatabase((target) => {
  let s: Started;
  let authorizer: Authorizer;
  const customer: RequestContext = { userId: 'u1', roles: ['customer'] };
  const orgAdmin: RequestContext = { userId: 'u1', roles: ['orgAdmin'] };

  beforeEach(async () => {
    s = await startFoundation(target);
    for (const [id, organizationId] of [['u1', 'o1'], ['u2', 'o2']] as const) {
      const org = Object.assign(new CommerceCreate<object>('Organization'), { model: { id: organizationId, name: organizationId } });
      await s.foundation.processRequest(org);
      await s.foundation.processRequest(Object.assign(new CommerceCreate<object>('UserProfile'), { model: { id, email: `${id}@example.com`, organizationId } }));
    }
    authorizer = new Authorizer(authorizationConfigSchema.parse(authorizationRules), s.foundation.container.get<Models>(ModelsToken));
  });

  function search(model: Record<string, unknown>, filter?: unknown) {
    const query = new CommerceQuery<object>('UserProfile');
    Object.assign(query.searchCriteria, { model, ...(filter === undefined ? {} : { filter }) });
    return query;
  }
  const decide = async (model: Record<string, unknown>, context: RequestContext, filter?: unknown) => {
    s.sql.reset();
    const decision = await authorizer.decide(search(model, filter), context, s.foundation.profiles, false);
    return { ...decision, statements: s.sql.count() };
  };

  test('scope "self": a search by another property or by a filter alone is refused; one that also names the caller is allowed', async () => {
    const byName = await decide({ lastName: 'Lee' }, customer);
    expect(byName).toMatchObject({ allowed: false, rule: 0, reason: 'rules[0]: a scoped search names the caller by its id or another key (id, email)', statements: 0 });
    expect(await decide({}, customer, { property: 'lastName', op: 'startsWith', value: 'L' })).toMatchObject({ allowed: false, rule: 0, statements: 0 });
    expect(await decide({ id: 'u1', lastName: 'Lee' }, customer)).toMatchObject({ allowed: true, rule: 0, statements: 0 });
    expect(await decide({ id: 'u1' }, customer, { any: [{ property: 'lastName', op: 'eq', value: 'x' }] })).toMatchObject({ allowed: true, rule: 0 });
    expect(await decide({ id: 'u2' }, customer, { any: [] })).toMatchObject({ allowed: false, rule: 0 });
  });

  test('scopeProperty: a search by the caller\'s own organizationId is allowed without reading the users; another organization, or neither it nor a key, is refused', async () => {
    s.foundation.profilesSystem.cache.clear();
    const own = await decide({ organizationId: 'o1', lastName: 'Lee' }, orgAdmin);
    expect(own).toMatchObject({ allowed: true, rule: 4 });
    expect(own.statements).toBe(1);
    expect(await decide({ organizationId: 'o2' }, orgAdmin)).toMatchObject({ allowed: false, rule: 4, statements: 0 });
    expect(await decide({ lastName: 'Lee' }, orgAdmin, { property: 'organizationId', op: 'eq', value: 'o1' })).toMatchObject({
      allowed: false,
      reason: 'rules[4]: a scoped search gives organizationId or a key (id, email)',
      statements: 0,
    });
  });

  test('through processRequest, a scoped search finds only what the scope allows: its equalities and its filter hold together', async () => {
    const guarded = await startFoundation(target, { database: s.database, files: { 'config/authorization.json': authorizationRules } });
    const admin: RequestContext = { userId: 'root', roles: ['admin'] };
    await guarded.foundation.processRequest(Object.assign(new CommerceCreate<object>('UserProfile'), { model: { id: 'u3', email: 'u3@example.com', organizationId: 'o1', lastName: 'Lee' } }), admin);
    for (const id of ['u1', 'u2']) {
      const update = Object.assign(new CommerceUpdate<object>('UserProfile'), { model: { lastName: 'Lee' } });
      Object.assign(update.searchCriteria, { model: { id } });
      await guarded.foundation.processRequest(update, admin);
    }
    const ids = async (model: Record<string, unknown>, context: RequestContext, filter?: unknown) => {
      const response = await guarded.foundation.processRequest(search(model, filter), context);
      return response.operationResponses[0].commerceEntities.map((entity) => (entity as { id: string }).id).sort();
    };
    expect(await ids({ id: 'u1' }, customer, { property: 'lastName', op: 'eq', value: 'Lee' })).toEqual(['u1']);
    expect(await ids({ id: 'u1' }, customer, { property: 'lastName', op: 'eq', value: 'Other' })).toEqual([]);
    expect(await ids({ id: 'u1' }, customer, { any: [{ property: 'id', op: 'eq', value: 'u2' }, { property: 'lastName', op: 'eq', value: 'Lee' }] })).toEqual(['u1']);
    await expect(guarded.foundation.processRequest(search({ lastName: 'Lee' }), customer)).rejects.toBeInstanceOf(AuthorizationFault);
    await expect(guarded.foundation.processRequest(search({}, { property: 'id', op: 'eq', value: 'u2' }), customer)).rejects.toBeInstanceOf(AuthorizationFault);
    expect(await ids({ organizationId: 'o1' }, orgAdmin)).toEqual(['u1', 'u3']);
    expect(await ids({ organizationId: 'o1' }, orgAdmin, { any: [{ property: 'organizationId', op: 'eq', value: 'o2' }, { property: 'lastName', op: 'eq', value: 'Lee' }] })).toEqual(['u1', 'u3']);
    expect(await ids({ organizationId: 'o1' }, orgAdmin, { property: 'organizationId', op: 'eq', value: 'o2' })).toEqual([]);
    await expect(guarded.foundation.processRequest(search({ organizationId: 'o2' }), orgAdmin)).rejects.toBeInstanceOf(AuthorizationFault);
  });
});
