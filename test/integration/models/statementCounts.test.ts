import { CommerceCreate, CommerceDelete, CommerceQuery, CommerceUpdate, type CommerceOperation, type TraceEntry } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { byKey, createEntity, removeItem, storeFiles, storeValues, updateItem } from '../../support/storeModel.js';
import { addressModel, cardModel, createUser, related } from '../../support/userProfiles.js';

const statements = (trace: readonly TraceEntry[] = []) => trace.reduce((sum, t) => sum + t.sqlStatements, 0);
const perComponent = (trace: readonly TraceEntry[] = []) => trace.map((t) => `${t.component}:${t.sqlStatements}`);

/** The statements an operation on the data-declared Store model sends do not grow with its number of related items. */
forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target, { files: storeFiles() });
  });

  const newItems = (id: string, count: number) =>
    Array.from({ length: count }, (_, i) => [related('Addresses', addressModel(`${id}-a${i}`)), related('Cards', cardModel(`${id}-k${i}`, { billingAddressId: `${id}-a${i}` }))]).flat();

  /** A store with `count` addresses and cards (each card billed to one of them), and one more address it shares with a user. */
  async function storeWith(id: string, count: number) {
    await createUser(s.foundation, { id: `${id}-user`, addresses: [addressModel(`${id}-shared`)] });
    await createEntity(s.foundation, 'Store', storeValues(id), related('Addresses', { id: `${id}-shared` }), ...newItems(id, count));
    await s.foundation.profileManagement.refreshProfileCache();
  }
  const traced = async (op: CommerceOperation<object>) => (await s.foundation.processRequest(op, { trace: true })).trace ?? [];

  test.each([
    ['', []],
    [', asking for every relationship', ['Addresses', 'PreferredAddress', 'Cards']],
  ])('a Delete of a store with 1 and with 100 related items sends the same statements%s', async (_, relationships) => {
    await storeWith('one', 1);
    await storeWith('many', 100);
    const one = await traced(byKey(CommerceDelete, 'Store', { id: 'one' }, ...relationships));
    const many = await traced(byKey(CommerceDelete, 'Store', { id: 'many' }, ...relationships));
    expect(perComponent(many)).toEqual(perComponent(one));
    expect(statements(one)).toBeGreaterThan(0);
    const left = await s.foundation.knex('address').orderBy('address_id').pluck('address_id');
    expect(left).toEqual(['many-shared', 'one-shared']);
    expect(await s.foundation.knex('credit_card').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  test.each([
    ['a Query', (id: string) => byKey(CommerceQuery, 'Store', { id }, 'Addresses', 'Cards')],
    ['an Update', (id: string) => byKey(CommerceUpdate, 'Store', { id }, updateItem('Addresses', `${id}-a0`, { city: 'Bergen' }), removeItem('Addresses', `${id}-a1`), removeItem('Cards', `${id}-k2`), 'Addresses')],
  ])('%s of a store with 3 and with 100 related items sends the same statements', async (_, operation) => {
    await storeWith('few', 3);
    await storeWith('many', 100);
    expect(perComponent(await traced(operation('many')))).toEqual(perComponent(await traced(operation('few'))));
  });

  test('a Create with 1 and with 100 new related items sends the same statements', async () => {
    const create = (id: string, count: number) => {
      const op = new CommerceCreate('Store');
      op.model = storeValues(id);
      op.relatedOperations.push(...newItems(id, count));
      return op;
    };
    expect(perComponent(await traced(create('many', 100)))).toEqual(perComponent(await traced(create('one', 1))));
  });
});
