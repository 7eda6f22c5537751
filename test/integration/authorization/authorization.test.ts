import {
  AuthorizationFault,
  CommerceCreate,
  CommerceDelete,
  CommerceQuery,
  CommerceRequest,
  CommerceUpdate,
  SequenceNotFoundFault,
  type CommerceOperation,
  type RequestContext,
  type UserProfile,
} from '../../../src/index.js';
import { recordingLogger, type LogLine } from '../../support/recordingLogger.js';
import { authorizationRules } from '../../support/authorizationRules.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { byKey, createEntity, removeItem, updateItem } from '../../support/storeModel.js';
import { addressModel, cardModel, related, testEncryptionKey } from '../../support/userProfiles.js';

const admin: RequestContext = { userId: 'root', roles: ['admin'] };
const customer = (userId: string): RequestContext => ({ userId, roles: ['customer'] });
const orgAdmin = (userId: string): RequestContext => ({ userId, roles: ['orgAdmin'] });

/** The statements that read or write data: not BEGIN, COMMIT, ROLLBACK or a session setting. */
const dataStatements = (statements: readonly string[]) => statements.filter((sql) => /^\s*(select|insert|update|delete|replace)\b/i.test(sql));

const query = (modelName: string, key: Record<string, unknown>) => byKey(CommerceQuery<object>, modelName, key);
const del = (modelName: string, key: Record<string, unknown>) => byKey(CommerceDelete<object>, modelName, key);
function update(modelName: string, key: Record<string, unknown>, model: Record<string, unknown>, ...relatedOps: CommerceUpdate['relatedOperations']) {
  const op = byKey(CommerceUpdate<object>, modelName, key, ...relatedOps);
  op.model = model;
  return op;
}
function create(modelName: string, model: Record<string, unknown>) {
  const op = new CommerceCreate<object>(modelName);
  op.model = model;
  return op;
}

forEachDatabase((target) => {
  let s: Started;
  let logged: LogLine[];

  beforeEach(async () => {
    logged = [];
    const logger = recordingLogger((line) => {
      if (line.level === 'info') logged.push(line);
    });
    s = await startFoundation(target, { files: { 'config/authorization.json': authorizationRules, 'config/commerce.json': { encryptionKey: testEncryptionKey } }, logger });
    const f = s.foundation;
    for (const id of ['o1', 'o2']) await f.processRequest(create('Organization', { id, name: `Org ${id}` }), admin);
    const users = [
      { id: 'u1', organizationId: 'o1' },
      { id: 'u2', organizationId: 'o1' },
      { id: 'u3', organizationId: 'o2' },
      { id: 'u4' },
    ];
    for (const user of users) {
      const op = create('UserProfile', { ...user, email: `${user.id}@example.com` });
      if (user.id === 'u3') op.relatedOperations.push(related('Addresses', addressModel('a3')));
      await f.processRequest(op, admin);
    }
    s.sql.reset();
    logged = [];
  });

  /** The fault a denied operation answers with, and the data statements it sent. */
  async function denied(op: CommerceOperation<object>, context: RequestContext | undefined) {
    s.sql.reset();
    const fault: unknown = await s.foundation.processRequest(op, context).then(() => undefined, (e: unknown) => e);
    expect(fault).toBeInstanceOf(AuthorizationFault);
    return { fault: fault as AuthorizationFault, statements: dataStatements(s.sql.statements) };
  }
  const allowed = (op: CommerceOperation<object>, context: RequestContext) => s.foundation.processRequest(op, { ...context, trace: true });
  /** What the Authorization step of an allowed operation sent. */
  const authorizationSql = (response: Awaited<ReturnType<typeof allowed>>) => response.trace?.find((t) => t.component === 'Authorization')?.sqlStatements;
  const storedFirstName = (id: string) => s.foundation.knex('user_object').where({ user_id: id }).first<{ first_name: string | null } | undefined>('first_name');

  test('the Authorization step comes first in every shipped sequence: UserProfile and Organization, all four operations', () => {
    for (const model of ['UserProfile', 'Organization']) {
      for (const op of ['Create', 'Query', 'Update', 'Delete']) {
        expect(s.foundation.sequences.get(`Commerce${op}Operation_${model}`)?.steps[0]?.name).toBe('Authorization');
      }
    }
  });

  test('a caller with no rule for it — no roles, no user, or an unknown role — is refused every operation on every model, with no SQL at all', async () => {
    const ops = [
      query('UserProfile', { id: 'u1' }),
      update('UserProfile', { id: 'u1' }, { firstName: 'X' }),
      del('UserProfile', { id: 'u1' }),
      create('Organization', { id: 'o9', name: 'X' }),
      query('Organization', { id: 'o1' }),
      update('Organization', { id: 'o1' }, { name: 'X' }),
      del('Organization', { id: 'o1' }),
    ];
    for (const context of [undefined, { userId: 'u1' }, { userId: 'u1', roles: ['guest'] }]) {
      for (const op of ops) {
        const { fault, statements } = await denied(op, context);
        expect(fault).toMatchObject({ faultName: 'AuthorizationFault', operationIndex: 0 });
        expect(fault.message).toContain(`${op.operation} on ${op.modelName} is not allowed: no rule lets`);
        expect(s.sql.statements).toEqual([]);
        expect(statements).toEqual([]);
      }
    }
    expect(await s.foundation.knex('user_object').count({ n: '*' }).first()).toEqual({ n: 4 });
  });

  test('"*" as model and operation: admin runs all four operations on both models, and the step sends no SQL', async () => {
    const created = await allowed(create('Organization', { id: 'o3', name: 'Three' }), admin);
    expect(authorizationSql(created)).toBe(0);
    expect((await allowed(update('Organization', { id: 'o3' }, { name: 'Drei' }), admin)).operationResponses[0]).toMatchObject({ commerceEntities: [{ name: 'Drei' }] });
    expect((await allowed(query('Organization', { id: 'o3' }), admin)).operationResponses[0]).toMatchObject({ commerceEntities: [{ id: 'o3', name: 'Drei' }] });
    expect((await allowed(create('UserProfile', { id: 'u9', email: 'u9@example.com', accountStatus: 2 }), admin)).operationResponses[0]).toMatchObject({ commerceEntity: { id: 'u9', accountStatus: 2 } });
    expect((await allowed(query('UserProfile', { id: 'u3' }), admin)).operationResponses[0]).toMatchObject({ commerceEntities: [{ id: 'u3' }] });
    expect(authorizationSql(await allowed(update('UserProfile', { id: 'u3' }, { accountStatus: 0 }), admin))).toBe(0);
    expect((await allowed(del('UserProfile', { id: 'u4' }), admin)).operationResponses[0]).toMatchObject({ count: 1 });
    expect((await allowed(del('Organization', { id: 'o3' }), admin)).operationResponses[0]).toMatchObject({ count: 1 });
  });

  test('scope "self" by id: a customer queries and updates itself with no SQL for the check, and is refused anyone else with none', async () => {
    const own = await allowed(query('UserProfile', { id: 'u1' }), customer('u1'));
    expect(own.operationResponses[0]).toMatchObject({ commerceEntities: [{ id: 'u1' }] });
    expect(authorizationSql(own)).toBe(0);
    expect(own.trace?.[0]?.component).toBe('Authorization');
    expect(authorizationSql(await allowed(update('UserProfile', { id: 'u1' }, { firstName: 'Ann' }), customer('u1')))).toBe(0);
    expect(await storedFirstName('u1')).toEqual({ first_name: 'Ann' });

    for (const op of [query('UserProfile', { id: 'u2' }), update('UserProfile', { id: 'u2' }, { firstName: 'Eve' }), query('UserProfile', { id: 'nobody' })]) {
      const { fault, statements } = await denied(op, customer('u1'));
      expect(fault.message).toContain('the search names another UserProfile than the caller');
      expect(statements).toEqual([]);
    }
    expect(await storedFirstName('u2')).toEqual({ first_name: null });
  });

  test('scope "self" by email: checked against the caller\'s own email, read once and then from the cache; another user\'s email and one nobody has are refused alike', async () => {
    s.foundation.profilesSystem.cache.clear();
    const first = await allowed(query('UserProfile', { email: 'u1@example.com' }), customer('u1'));
    expect(first.operationResponses[0]).toMatchObject({ commerceEntities: [{ id: 'u1' }] });
    expect(authorizationSql(first)).toBe(1);
    expect(authorizationSql(await allowed(query('UserProfile', { email: 'u1@example.com' }), customer('u1')))).toBe(0);

    const other = await denied(query('UserProfile', { email: 'u2@example.com' }), customer('u1'));
    const nobody = await denied(query('UserProfile', { email: 'nobody@example.com' }), customer('u1'));
    expect(nobody.fault.message).toBe(other.fault.message);
    expect(other.statements).toEqual([]);
    expect(nobody.statements).toEqual([]);
  });

  test('an Update by email reads, locked, the user it names — the read its loader makes anyway — and is refused when that is not the caller', async () => {
    s.sql.reset();
    const own = await allowed(update('UserProfile', { email: 'u1@example.com' }, { lastName: 'Lee' }), customer('u1'));
    expect(authorizationSql(own)).toBeGreaterThan(0);
    expect(own.trace?.find((t) => t.component === 'UserProfileLoader')?.sqlStatements).toBe(0);
    expect(dataStatements(s.sql.statements).filter((sql) => /^\s*select/i.test(sql))).toHaveLength(1);
    const other = await denied(update('UserProfile', { email: 'u2@example.com' }, { lastName: 'Lee' }), customer('u1'));
    const nobody = await denied(update('UserProfile', { email: 'nobody@example.com' }, { lastName: 'Lee' }), customer('u1'));
    expect(nobody.fault.message).toBe(other.fault.message);
    expect(other.statements).toHaveLength(1);
    expect(other.statements[0]).toMatch(/user_object/);
    expect(await s.foundation.knex('user_object').where({ user_id: 'u2' }).first('last_name')).toEqual({ last_name: null });
  });

  test('writableProperties: a customer may not write its own accountStatus or organizationId, and the check sends no SQL', async () => {
    for (const model of [{ accountStatus: 0 }, { organizationId: 'o2' }, { firstName: 'Ann', accountStatus: 2 }]) {
      const { fault, statements } = await denied(update('UserProfile', { id: 'u1' }, model), customer('u1'));
      expect(fault.message).toMatch(/rules\[2\]: the rule does not let the caller write (accountStatus|organizationId)$/);
      expect(statements).toEqual([]);
    }
    expect(await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('account_status', 'org_id')).toEqual({ account_status: 1, org_id: 'o1' });
  });

  test('a scoped caller may not associate an existing item by id (another user\'s address) with itself, nor update or remove it through its own profile', async () => {
    const { fault, statements } = await denied(update('UserProfile', { id: 'u1' }, {}, related('Addresses', { id: 'a3' })), customer('u1'));
    expect(fault.message).toContain('associate an existing item by id (relatedOperations[0])');
    expect(statements).toEqual([]);
    const foreign = await s.foundation.processRequest(update('UserProfile', { id: 'u1' }, {}, updateItem('Addresses', 'a3', { city: 'Bergen' })), customer('u1')).catch((e: unknown) => e);
    expect(foreign).toMatchObject({ faultName: 'ItemDoesNotExistFault' });
    const removed = await s.foundation.processRequest(update('UserProfile', { id: 'u1' }, {}, removeItem('Addresses', 'a3')), customer('u1')).catch((e: unknown) => e);
    expect(removed).toMatchObject({ faultName: 'ItemDoesNotExistFault' });
    expect(await s.foundation.knex('address').where({ address_id: 'a3' }).first('city')).toEqual({ city: 'Oslo' });
    const withNew = await allowed(update('UserProfile', { id: 'u1' }, {}, related('Addresses', addressModel('a1'))), customer('u1'));
    expect(withNew.operationResponses[0]).toMatchObject({ commerceEntities: [{ id: 'u1' }] });
  });

  test("a scoped caller's card may be billed only to an address its profile holds or the request creates: another user's address and one nobody has are refused alike, before any write", async () => {
    const refusal = 'relatedOperations[0].model.billingAddressId may name only an item the UserProfile holds or this request creates';
    for (const billingAddressId of ['a3', 'nowhere']) {
      const { fault, statements } = await denied(update('UserProfile', { id: 'u1' }, {}, related('CreditCards', cardModel('c1', { billingAddressId }))), customer('u1'));
      expect(fault.message).toContain(refusal);
      expect(statements.filter((sql) => !/^\s*select/i.test(sql))).toEqual([]);
    }
    // An address the same request creates, then one the profile holds; not in a Create either, where it holds nothing yet.
    await allowed(update('UserProfile', { id: 'u1' }, {}, related('Addresses', addressModel('a1')), related('CreditCards', cardModel('c1', { billingAddressId: 'a1' }))), customer('u1'));
    await allowed(update('UserProfile', { id: 'u1' }, {}, related('CreditCards', cardModel('c2', { billingAddressId: 'a1' }))), customer('u1'));
    const newUser = create('UserProfile', { id: 'u5', email: 'u5@example.com' });
    newUser.relatedOperations.push(related('CreditCards', cardModel('c5', { billingAddressId: 'a1' })));
    expect((await denied(newUser, { userId: 'u5' })).fault.message).toContain(refusal);
    // Changing a card's billing address is held to the same.
    const moved = await denied(update('UserProfile', { id: 'u1' }, {}, updateItem('CreditCards', 'c1', { billingAddressId: 'a3' })), customer('u1'));
    expect(moved.fault.message).toContain('relatedOperations[0].model.billingAddressId may name only');
    // Under scopeProperty the entity is the one named: an orgAdmin may bill u2's card to u2's address, not to its own.
    await allowed(update('UserProfile', { id: 'u2' }, {}, related('Addresses', addressModel('a2'))), orgAdmin('u1'));
    await allowed(update('UserProfile', { id: 'u2' }, {}, related('CreditCards', cardModel('c3', { billingAddressId: 'a2' }))), orgAdmin('u1'));
    expect((await denied(update('UserProfile', { id: 'u2' }, {}, related('CreditCards', cardModel('c4', { billingAddressId: 'a1' }))), orgAdmin('u1'))).fault.message).toContain(refusal);
    // A rule without a scope binds as it likes.
    await allowed(update('UserProfile', { id: 'u4' }, {}, related('CreditCards', cardModel('c6', { billingAddressId: 'a3' }))), admin);
    const billed = await s.foundation.knex('credit_card').orderBy('id').select('id', 'billing_address');
    expect(billed).toEqual([
      { id: 'c1', billing_address: 'a1' },
      { id: 'c2', billing_address: 'a1' },
      { id: 'c3', billing_address: 'a2' },
      { id: 'c6', billing_address: 'a3' },
    ]);
  });

  test('Create under scope "self" (roles "*"): anyone may create the UserProfile whose id is its own userId, and nothing else', async () => {
    expect((await allowed(create('UserProfile', { id: 'u5', email: 'u5@example.com', firstName: 'Five' }), { userId: 'u5' })).operationResponses[0]).toMatchObject({ commerceEntity: { id: 'u5' } });
    const cases: [Record<string, unknown>, string][] = [
      [{ id: 'u6', email: 'u6@example.com' }, 'the caller may create only the UserProfile whose id is its own userId'],
      [{ email: 'u7@example.com' }, 'the caller may create only the UserProfile whose id is its own userId'],
      [{ id: 'u7', email: 'u7@example.com', accountStatus: 1 }, 'the rule does not let the caller write accountStatus'],
    ];
    for (const [model, reason] of cases) {
      const { fault, statements } = await denied(create('UserProfile', model), { userId: 'u7' });
      expect(fault.message).toContain(reason);
      expect(statements).toEqual([]);
    }
    expect(await s.foundation.knex('user_object').orderBy('user_id').pluck('user_id')).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  });

  test('customers have no Delete rule, and may only query their Organization: the rest refused with no SQL, and nothing changes', async () => {
    const { fault, statements } = await denied(del('UserProfile', { id: 'u1' }), customer('u1'));
    expect(fault.message).toBe('CommerceDelete on UserProfile is not allowed: no rule lets the roles customer run CommerceDelete on UserProfile');
    expect(statements).toEqual([]);
    for (const op of [create('Organization', { id: 'o9', name: 'Nine' }), update('Organization', { id: 'o1' }, { name: 'Mine' }), del('Organization', { id: 'o1' })]) {
      const refused = await denied(op, customer('u1'));
      expect(refused.fault.message).toBe(`${op.operation} on Organization is not allowed: no rule lets the roles customer run ${op.operation} on Organization`);
      expect(refused.statements).toEqual([]);
    }
    expect(await s.foundation.knex('organization').orderBy('org_id').select('org_id', 'name')).toEqual([{ org_id: 'o1', name: 'Org o1' }, { org_id: 'o2', name: 'Org o2' }]);
  });

  test('scopeProperty organizationId: an orgAdmin reaches the users of its own organization — the caller and the user named read once each — and no other', async () => {
    s.foundation.profilesSystem.cache.clear();
    const same = await allowed(query('UserProfile', { id: 'u2' }), orgAdmin('u1'));
    expect(same.operationResponses[0]).toMatchObject({ commerceEntities: [{ id: 'u2', organizationId: 'o1' }] });
    expect(authorizationSql(same)).toBe(2);
    expect(authorizationSql(await allowed(query('UserProfile', { id: 'u2' }), orgAdmin('u1')))).toBe(0);
    await allowed(update('UserProfile', { id: 'u2' }, { firstName: 'Bea' }), orgAdmin('u1'));
    expect(await storedFirstName('u2')).toEqual({ first_name: 'Bea' });

    const outside = await denied(query('UserProfile', { id: 'u3' }), orgAdmin('u1'));
    const nobody = await denied(query('UserProfile', { id: 'nobody' }), orgAdmin('u1'));
    expect(outside.fault.message).toBe('CommerceQuery on UserProfile is not allowed: rules[4]: the UserProfile named is not one whose organizationId is the caller\'s organizationId');
    expect(nobody.fault.message).toBe(outside.fault.message);
    expect(outside.statements).toHaveLength(1);

    const { fault } = await denied(del('UserProfile', { id: 'u3' }), orgAdmin('u1'));
    expect(fault.message).toContain('rules[4]');
    expect(await s.foundation.knex('user_object').where({ user_id: 'u3' }).first('user_id')).toEqual({ user_id: 'u3' });
    for (const organizationId of ['o2', null]) {
      const moved = await denied(update('UserProfile', { id: 'u2' }, { organizationId }), orgAdmin('u1'));
      expect(moved.fault.message).toContain('the caller may not move a UserProfile to another organizationId');
      expect(moved.statements).toEqual([]);
    }
    expect(await s.foundation.knex('user_object').where({ user_id: 'u2' }).first('org_id')).toEqual({ org_id: 'o1' });
    expect((await allowed(del('UserProfile', { id: 'u2' }), orgAdmin('u1'))).operationResponses[0]).toMatchObject({ count: 1 });
  });

  test('scopeProperty id with callerProperty organizationId: a customer queries its own Organization, reading only itself; another organization or none is refused', async () => {
    s.foundation.profilesSystem.cache.clear();
    const own = await allowed(query('Organization', { id: 'o1' }), customer('u1'));
    expect(own.operationResponses[0]).toMatchObject({ commerceEntities: [{ id: 'o1' }] });
    expect(authorizationSql(own)).toBe(1);
    const other = await denied(query('Organization', { id: 'o2' }), customer('u1'));
    expect(other.fault.message).toContain("rules[3]: the Organization named is not one whose id is the caller's organizationId");
    expect(other.statements).toEqual([]);
    const homeless = await denied(query('Organization', { id: 'o1' }), customer('u4'));
    expect(homeless.fault.message).toContain('rules[3]: the caller has no organizationId');
    expect(homeless.statements).toHaveLength(1);
    const anonymous = await denied(query('Organization', { id: 'o1' }), { roles: ['customer'] });
    expect(anonymous.fault.message).toContain('requestContext.userId is not set');
    expect(anonymous.statements).toEqual([]);
  });

  test('Address is no addressable model: reached only through its parent, it has no sequence, whatever the roles', async () => {
    for (const context of [admin, customer('u1')]) {
      await expect(s.foundation.processRequest(query('Address', { id: 'a3' }), context)).rejects.toBeInstanceOf(SequenceNotFoundFault);
    }
  });

  test('a denial is logged at info with the caller, the handler and the rule that failed, never a value from the request', async () => {
    await denied(query('UserProfile', { email: 'u2@example.com' }), { ...customer('u1'), requestId: 'r-1' });
    expect(logged).toEqual([
      {
        level: 'info',
        msg: 'authorization denied',
        handler: 'CommerceQueryOperation_UserProfile',
        operationIndex: 0,
        userId: 'u1',
        roles: ['customer'],
        rule: 0,
        reason: 'rules[0]: the search names another UserProfile than the caller',
        requestId: 'r-1',
      },
    ]);
    await denied(del('UserProfile', { id: 'u2' }), undefined);
    expect(logged[1]).toEqual({
      level: 'info',
      msg: 'authorization denied',
      handler: 'CommerceDeleteOperation_UserProfile',
      operationIndex: 0,
      userId: undefined,
      roles: [],
      reason: 'no rule lets a caller with no roles run CommerceDelete on UserProfile',
      requestId: expect.any(String) as unknown,
    });
    expect(JSON.stringify(logged)).not.toContain('u2@example.com');
    await allowed(query('UserProfile', { id: 'u1' }), customer('u1'));
    expect(logged).toHaveLength(2);
  });

  test('in a request of several operations, a denied second operation leaves the first one done and runs nothing of its own', async () => {
    const request = new CommerceRequest([update('UserProfile', { id: 'u1' }, { firstName: 'First' }), update('UserProfile', { id: 'u2' }, { firstName: 'Second' })]);
    const fault: unknown = await s.foundation.processRequest(request, customer('u1')).catch((e: unknown) => e);
    expect(fault).toMatchObject({ faultName: 'AuthorizationFault', operationIndex: 1 });
    expect(await storedFirstName('u1')).toEqual({ first_name: 'First' });
    expect(await storedFirstName('u2')).toEqual({ first_name: null });
  });

  test('authorizeRequest answers per operation with the rule and reason the step would give, without running anything', async () => {
    s.sql.reset();
    const request = new CommerceRequest([
      query('UserProfile', { id: 'u1' }),
      update('UserProfile', { id: 'u2' }, { firstName: 'Eve' }),
      del('UserProfile', { id: 'u1' }),
      query('Organization', { id: 'o1' }),
    ]);
    const answer = await s.foundation.authorizeRequest(request, customer('u1'));
    expect(answer).toEqual({
      allowed: false,
      operations: [
        { operationIndex: 0, operation: 'CommerceQuery', modelName: 'UserProfile', allowed: true, rule: 0, reason: 'rules[0] allows it' },
        { operationIndex: 1, operation: 'CommerceUpdate', modelName: 'UserProfile', allowed: false, rule: 2, reason: 'rules[2]: the search names another UserProfile than the caller' },
        { operationIndex: 2, operation: 'CommerceDelete', modelName: 'UserProfile', allowed: false, reason: 'no rule lets the roles customer run CommerceDelete on UserProfile' },
        { operationIndex: 3, operation: 'CommerceQuery', modelName: 'Organization', allowed: true, rule: 3, reason: 'rules[3] allows it' },
      ],
    });
    expect(dataStatements(s.sql.statements).every((sql) => /^\s*select/i.test(sql))).toBe(true);
    expect(await storedFirstName('u2')).toEqual({ first_name: null });
    const { fault } = await denied(request.operations[1], customer('u1'));
    expect(fault.message).toBe(`CommerceUpdate on UserProfile is not allowed: ${answer.operations[1]?.reason ?? ''}`);
    expect(await s.foundation.authorizeRequest(query('UserProfile', { id: 'u3' }), admin)).toMatchObject({ allowed: true, operations: [{ rule: 1 }] });
    await expect(s.foundation.authorizeRequest(query('UserProfile', { id: 'u1', nickname: 'x' }), admin)).rejects.toMatchObject({ faultName: 'ValidationFault' });
    await expect(s.foundation.authorizeRequest(query('UserProfile', { id: 'u1' }), { roles: 'admin' } as unknown as RequestContext)).rejects.toMatchObject({
      faultName: 'ValidationFault',
      validationErrors: [{ property: 'requestContext.roles' }],
    });
  });
});

describe('without config/authorization.json', () => {
  forEachDatabase((target) => {
    test('no sequence has the step and authorizeRequest allows everything', async () => {
      const { foundation } = await startFoundation(target);
      expect(foundation.sequences.get('CommerceDeleteOperation_UserProfile')?.steps.map((st) => st.name)).not.toContain('Authorization');
      await createEntity<UserProfile>(foundation, 'UserProfile', { id: 'u1', email: 'u1@example.com' });
      expect(await foundation.authorizeRequest(del('UserProfile', { id: 'u1' }))).toEqual({
        allowed: true,
        operations: [{ operationIndex: 0, operation: 'CommerceDelete', modelName: 'UserProfile', allowed: true, reason: 'there is no config/authorization.json: every operation is allowed' }],
      });
    });
  });
});
