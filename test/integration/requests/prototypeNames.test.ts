import {
  CommerceCreate,
  CommerceQuery,
  CommerceQueryRelatedItem,
  CommerceRequest,
  CommerceUpdate,
  createCommerceFoundation,
  ValidationFault,
  type CommerceFoundation,
  type CommerceOperation,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { recordSql, type SqlLog } from '../../support/startFoundation.js';
import { tempApp, type TempApp } from '../../support/tempApp.js';
import { addressModel, related } from '../../support/userProfiles.js';

/** Names every object inherits: a lookup that is no own-property lookup finds something under each of them. */
const inheritedNames = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];

function queryWith(change: (query: CommerceQuery) => void): CommerceQuery {
  const query = new CommerceQuery('UserProfile');
  query.searchCriteria.model = { id: 'u1' };
  change(query);
  return query;
}

function relatedQueryWith(change: (related: CommerceQueryRelatedItem) => void): CommerceQuery {
  return queryWith((query) => {
    const addresses = new CommerceQueryRelatedItem('Addresses');
    change(addresses);
    query.relatedOperations.push(addresses);
  });
}

/** Where request text names something, each with the property a fault must name. */
const places: [string, (name: string) => CommerceOperation<object>, (name: string) => string][] = [
  ['a relationship name', (name) => queryWith((q) => q.relatedOperations.push(new CommerceQueryRelatedItem(name))), () => 'relatedOperations[0].relationshipName'],
  [
    'a model property',
    (name) => Object.assign(new CommerceCreate('UserProfile'), { model: { email: 'ann@example.com', [name]: 'x' } }),
    (name) => `model.${name}`,
  ],
  [
    "a related item's model property",
    (name) => Object.assign(new CommerceCreate('UserProfile'), { model: { email: 'ann@example.com' }, relatedOperations: [related('Addresses', { ...addressModel('a1'), [name]: 'x' })] }),
    (name) => `relatedOperations[0].model.${name}`,
  ],
  ['a sort property', (name) => queryWith((q) => q.searchCriteria.sortProperties.push({ property: name, sortDirection: 'Ascending' })), () => 'searchCriteria.sortProperties[0]'],
  [
    "a related query's sort property",
    (name) => relatedQueryWith((r) => r.searchCriteria.sortProperties.push({ property: name, sortDirection: 'Descending' })),
    () => 'relatedOperations[0].searchCriteria.sortProperties[0]',
  ],
  ['a property to return', (name) => queryWith((q) => (q.propertiesToReturn = [name])), () => 'propertiesToReturn[0]'],
  ["a related query's property to return", (name) => relatedQueryWith((r) => (r.propertiesToReturn = [name])), () => 'relatedOperations[0].propertiesToReturn[0]'],
  [
    'a search criteria key',
    (name) => Object.assign(new CommerceUpdate('UserProfile'), { searchCriteria: { model: { id: 'u1', [name]: 'x' }, sortProperties: [] } }),
    (name) => `searchCriteria.model.${name}`,
  ],
];

forEachDatabase((target) => {
  let app: TempApp;
  let foundation: CommerceFoundation;
  let sql: SqlLog;

  beforeAll(async () => {
    app = tempApp();
    foundation = await createCommerceFoundation({ root: app.root, database: await target.create() });
    sql = recordSql(foundation.knex);
  });
  afterAll(async () => {
    await foundation.close();
    app.remove();
  });

  async function faultOf(operation: CommerceOperation<object>): Promise<ValidationFault> {
    sql.reset();
    const fault = await foundation.processRequest(operation).catch((e: unknown) => e);
    expect(sql.statements).toEqual([]);
    expect(fault).toBeInstanceOf(ValidationFault);
    return fault as ValidationFault;
  }

  test.each(places)('%s that every object inherits (constructor, toString, …) names nothing: a ValidationFault, in code and in JSON', async (_, build, property) => {
    for (const name of inheritedNames) {
      const inCode = build(name);
      const fromJson = CommerceRequest.fromJSON(JSON.stringify(new CommerceRequest([build(name)]))).operations[0] as CommerceOperation<object>;
      for (const operation of [inCode, fromJson]) {
        expect((await faultOf(operation)).validationErrors).toContainEqual({ property: property(name), errorMessage: expect.any(String) });
      }
    }
  });
});
