import { CommerceCreate, CommerceDeleteRelatedItem, CommerceUpdate, CommerceUpdateRelatedItem, type Address, type UserProfile } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { addressModel, cardModel, createUser, deleteBy, queryBy, related, testEncryptionKey } from '../../support/userProfiles.js';

/** The statements an operation sends do not grow with the number of addresses or cards it touches. */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } });
  });

  const statements = (response: { trace?: { sqlStatements: number }[] }) => (response.trace ?? []).reduce((sum, t) => sum + t.sqlStatements, 0);
  const perComponent = (response: { trace?: { component: string; sqlStatements: number }[] }) => response.trace?.map((t) => `${t.component}:${t.sqlStatements}`);

  async function userWith(id: string, count: number) {
    const addresses = Array.from({ length: count }, (_, i) => addressModel(`${id}-a${i}`));
    const cards = Array.from({ length: count }, (_, i) => cardModel(`${id}-c${i}`, { billingAddressId: `${id}-a${i}` }));
    await createUser(s.foundation, { id, addresses, cards });
    await createUser(s.foundation, { id: `${id}-friend`, addresses: [`${id}-a0`] }); // one address shared
    await s.foundation.profileManagement.refreshProfileCache();
  }

  test.each([
    ['Delete', (id: string) => deleteBy('id', id, 'Addresses', 'CreditCards')],
    ['Query', (id: string) => queryBy('id', id, 'Addresses', 'CreditCards')],
    [
      'Update',
      (id: string) => {
        const update = new CommerceUpdate<UserProfile>('UserProfile');
        update.searchCriteria.model.id = id;
        update.model.firstName = 'Changed';
        const change = new CommerceUpdateRelatedItem<Address>('Addresses');
        change.searchCriteria.model.id = `${id}-a0`;
        change.model.city = 'Bergen';
        const remove = new CommerceDeleteRelatedItem<Address>('Addresses');
        remove.searchCriteria.model.id = `${id}-a1`;
        update.relatedOperations.push(change, remove);
        return update;
      },
    ],
  ])('%s of a user with 1 and with 50 addresses and cards sends the same statements', async (_, operation) => {
    await userWith('small', 2);
    await userWith('large', 50);
    const small = await s.foundation.processRequest(operation('small'), { trace: true });
    const large = await s.foundation.processRequest(operation('large'), { trace: true });
    expect(perComponent(large)).toEqual(perComponent(small));
    expect(statements(large)).toBeGreaterThan(0);
  });

  test('Create with 1 and with 50 new addresses and cards sends the same statements', async () => {
    const create = async (id: string, count: number) => {
      const op = new CommerceCreate<UserProfile>('UserProfile');
      op.model = { id, email: `${id}@example.com` };
      for (let i = 0; i < count; i++) op.relatedOperations.push(related('Addresses', addressModel(`${id}-a${i}`)), related('CreditCards', cardModel(`${id}-c${i}`, { billingAddressId: `${id}-a${i}` })));
      return s.foundation.processRequest(op, { trace: true });
    };
    const one = await create('one', 1);
    const fifty = await create('fifty', 50);
    expect(perComponent(fifty)).toEqual(perComponent(one));
    expect((await s.foundation.knex('address').count({ n: '*' }))[0]).toEqual({ n: 51 });
  });

  test('a Delete sends a fixed handful of statements', async () => {
    await userWith('u', 3);
    const response = await s.foundation.processRequest(deleteBy('id', 'u'), { trace: true });
    // BEGIN, the user (locked), address and card referrers, the unused addresses, cards, their billing addresses, the user, COMMIT
    expect(statements(response)).toBeLessThanOrEqual(s.foundation.database.config.client === 'mysql' ? 10 : 9);
  });

  test('a Delete that asks for the related items of every type reads them all in one more statement', async () => {
    await userWith('plain', 3);
    await userWith('asked', 3);
    const plain = await s.foundation.processRequest(deleteBy('id', 'plain'), { trace: true });
    const asked = await s.foundation.processRequest(deleteBy('id', 'asked', 'Addresses', 'CreditCards', 'ShippingMethods'), { trace: true });
    expect(statements(asked)).toBe(statements(plain) + 1);
    const entity = asked.operationResponses[0].commerceEntities[0] as { addresses?: unknown[]; creditCards?: unknown[] } | undefined;
    expect(entity?.addresses).toHaveLength(3);
    expect(entity?.creditCards).toHaveLength(3);
  });
});

forEachDatabase((target) => {
  test("a failing statement's error leaves out the values bound to it", async () => {
    const s = await startFoundation(target);
    const error = await s.foundation.knex('user_object').insert({ no_such_column: 'jane.secret@example.com' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/no_such_column/);
    expect((error as Error).message).not.toContain('jane.secret');
  });
});
