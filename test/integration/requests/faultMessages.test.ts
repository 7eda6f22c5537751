import {
  CommerceCreate,
  CommerceFault,
  CommerceQuery,
  CommerceRequest,
  CommerceUpdate,
  CommerceUpdateRelatedItem,
  ComponentFault,
  DatabaseError,
  ItemAlreadyExistsFault,
  ItemDoesNotExistFault,
  ValidationFault,
  type Address,
  type CommerceOperation,
  type OperationContext,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { sequenceFile } from '../../support/tempApp.js';
import { addressModel, cardModel, createUser, queryBy, related, testEncryptionKey } from '../../support/userProfiles.js';

/** Writes a user row with the email the query names, in the operation's transaction: the store refuses a taken one. */
const writeUserRow = {
  async execute(context: OperationContext<CommerceQuery<UserProfile>>) {
    const email = context.operation.searchCriteria.model.email;
    await (await context.transaction())('user_object').insert({ user_id: 'raw', email_address: email });
  },
};

/** Every message a fault carries, down its chain of causes, with each fault's JSON form. */
function textsOf(fault: unknown): string[] {
  const texts: string[] = [];
  // Not `instanceof Error`: a native driver's errors may come from another realm than the test's
  for (let error = fault as Error | null | undefined; typeof error === 'object' && error !== null; error = error.cause as Error | null | undefined) {
    texts.push(error.message);
    if (error instanceof CommerceFault) texts.push(JSON.stringify(error.toJSON()));
  }
  return texts;
}

async function faultOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('no fault');
}

function create(model: Partial<UserProfile>, ...relatedOps: CommerceCreate<UserProfile>['relatedOperations']): CommerceCreate<UserProfile> {
  return Object.assign(new CommerceCreate<UserProfile>('UserProfile'), { model, relatedOperations: relatedOps });
}

function update(search: Partial<UserProfile>, model: Partial<UserProfile>, ...relatedOps: CommerceUpdate<UserProfile>['relatedOperations']): CommerceUpdate<UserProfile> {
  const op = Object.assign(new CommerceUpdate<UserProfile>('UserProfile'), { model, relatedOperations: relatedOps });
  op.searchCriteria.model = search;
  return op;
}

function changeAddress(id: string, model: Partial<Address>): CommerceUpdateRelatedItem<Address> {
  const op = new CommerceUpdateRelatedItem<Address>('Addresses');
  op.searchCriteria.model.id = id;
  op.model = model;
  return op;
}

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, {
      files: { 'config/commerce.json': { encryptionKey: testEncryptionKey }, 'sequences/CommerceQueryOperation_RawWrite.json': sequenceFile('WriteUserRow') },
      components: { WriteUserRow: writeUserRow },
    });
    await createUser(s.foundation, { id: 'zq-ann', email: 'zq-ann@example.com', addresses: [addressModel('zq-home')] });
    await createUser(s.foundation, { id: 'zq-bob', email: 'zq-bob@example.com', addresses: [addressModel('zq-bobs')] });
  });

  const request = (op: CommerceOperation<object>) => () => s.foundation.processRequest(op);
  const refreshed = (run: () => unknown) => async () => {
    await s.foundation.profileManagement.refreshProfileCache();
    return run();
  };
  const rawWrite = (email: string) => Object.assign(new CommerceQuery('RawWrite'), { searchCriteria: { model: { email }, sortProperties: [] } });

  /** Each fault path, the value the request gave that no message may carry, and the fault it must be. */
  const paths: [string, () => unknown, string, new (...args: never[]) => Error][] = [
    ['a taken email on Create (the cache knows it)', () => request(create({ email: 'zq-ann@example.com' }))(), 'zq-ann@', ItemAlreadyExistsFault],
    ['a taken email on Create (only the store knows it)', () => refreshed(request(create({ email: 'zq-ann@example.com' })))(), 'zq-ann@', ItemAlreadyExistsFault],
    ['a taken id on Create (only the store knows it)', () => refreshed(request(create({ id: 'zq-ann', email: 'zq-new@example.com' })))(), 'zq-ann', ItemAlreadyExistsFault],
    ["another user's email on Update", () => request(update({ id: 'zq-bob' }, { email: 'zq-ann@example.com' }))(), 'zq-ann@', ItemAlreadyExistsFault],
    ['a taken address id on Create', () => refreshed(request(create({ email: 'zq-cid@example.com' }, related('Addresses', addressModel('zq-home')))))(), 'zq-home', ItemAlreadyExistsFault],
    ['a missing user on Update', () => request(update({ email: 'zq-ghost@example.com' }, { firstName: 'X' }))(), 'zq-ghost', ItemDoesNotExistFault],
    ['a missing address to associate', () => request(create({ email: 'zq-cid@example.com' }, related('Addresses', { id: 'zq-nowhere' })))(), 'zq-nowhere', ItemDoesNotExistFault],
    ["an address that is not the user's", () => request(update({ id: 'zq-ann' }, {}, changeAddress('zq-bobs', { city: 'X' })))(), 'zq-bobs', ItemDoesNotExistFault],
    ['a missing billing address', () => request(create({ email: 'zq-cid@example.com' }, related('CreditCards', cardModel('c1', { billingAddressId: 'zq-nowhere' }))))(), 'zq-nowhere', ItemDoesNotExistFault],
    ['a missing preferred address', () => request(create({ email: 'zq-cid@example.com', preferredAddressId: 'zq-nowhere' }))(), 'zq-nowhere', ItemDoesNotExistFault],
    ['a search model of another type', () => request(Object.assign(queryBy('id', 'zq-ann'), { searchCriteria: { model: { id: 'zq-ann', modelName: 'zq-Other' }, sortProperties: [] } }))(), 'zq-Other', ValidationFault],
    ['an email that is no email', () => request(create({ email: 'zq-not-an-email' }))(), 'zq-not', ValidationFault],
    ['JSON text that is not JSON', () => CommerceRequest.fromJSON('{"operations": [{"model": {"email": zq-bare@example.com}}]}'), 'zq-bare', ValidationFault],
    ["a component's statement the store refuses", () => request(rawWrite('zq-ann@example.com'))(), 'zq-ann@', ComponentFault],
    ['createProfile with a taken key', () => s.foundation.profiles.createProfile('zq-ann', 'UserObject'), 'zq-ann', ItemAlreadyExistsFault],
  ];

  test.each(paths)('%s: the fault names the property, and no message down its causes carries the value', async (_, run, value, kind) => {
    const fault = await faultOf(run);
    expect(fault).toBeInstanceOf(kind);
    for (const text of textsOf(fault)) expect(text).not.toContain(value);
  });

  test('faults from a request speak of the model (UserProfile, email), not of the profile definition', async () => {
    const described = (fault: unknown) => [(fault as Error).message, (fault as ItemAlreadyExistsFault).property];
    const taken = await faultOf(refreshed(request(create({ email: 'zq-ann@example.com' }))));
    expect(described(taken)).toEqual(['A UserProfile with this email already exists', 'model.email']);
    const address = await faultOf(refreshed(request(create({ email: 'zq-cid@example.com' }, related('Addresses', addressModel('zq-home'))))));
    expect(described(address)).toEqual(['An Address with this id already exists', 'Address.id']);
    const ghost = await faultOf(request(update({ email: 'zq-ghost@example.com' }, { firstName: 'X' })));
    expect((ghost as Error).message).toBe('No UserProfile has the email given');
  });

  test("a driver's error becomes a DatabaseError cause with its code, and a ComponentFault carries no SQL", async () => {
    const fault = await faultOf(request(rawWrite('zq-ann@example.com')));
    expect((fault as Error).message).not.toMatch(/insert|user_object/i);
    expect((fault as Error).cause).toBeInstanceOf(DatabaseError);
    expect((fault as Error).cause).toMatchObject({ code: s.foundation.database.config.client === 'mysql' ? 'ER_DUP_ENTRY' : 'SQLITE_CONSTRAINT_UNIQUE' });
  });
});
