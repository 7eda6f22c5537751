import {
  CommerceCreate,
  CommerceQuery,
  CommerceQueryRelatedItem,
  CommerceRequest,
  maxRequestDepth,
  ValidationFault,
  type CommerceOperation,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { withNestedAddressQueries } from '../../support/nestedRelated.js';
import { queryBy, storedIds } from '../../support/userProfiles.js';

const lone = 'Ann\uD800';

function caught(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

/** A UserProfile query whose relatedOperations nest `depth` deep, each a query on Addresses. */
function nestedInCode(depth: number): CommerceQuery<UserProfile> {
  return withNestedAddressQueries(queryBy('id', 'u1'), depth);
}

const nestedJson = (depth: number) => new CommerceRequest([nestedInCode(depth)]).toJSON();
const onlyDepthErrors = (fault: unknown) => {
  const errors = (fault as ValidationFault).validationErrors;
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(error.errorMessage).toBe(depthMessage);
  return errors;
};

const depthMessage = `nests objects and arrays deeper than ${maxRequestDepth} levels`;

forEachDatabase((target) => {
  let s: Started;
  beforeEach(async () => {
    s = await startFoundation(target);
    s.sql.reset();
  });

  async function refused(operation: CommerceOperation<object> | CommerceRequest): Promise<ValidationFault> {
    const fault = await s.foundation.processRequest(operation as CommerceOperation<object>).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ValidationFault);
    expect(s.sql.statements).toEqual([]);
    return fault as ValidationFault;
  }

  test('__proto__ as a key in a JSON model is a ValidationFault naming it, not silently dropped; nothing is stored', async () => {
    const text = '{"operations":[{"operation":"CommerceCreate","modelName":"UserProfile","model":{"email":"ann@example.com","__proto__":{"firstName":"Eve"}}}]}';
    const fromJson = caught(() => CommerceRequest.fromJSON(text));
    expect((fromJson as ValidationFault).validationErrors).toEqual([{ property: 'operations[0].model.__proto__', errorMessage: '__proto__ cannot be a property name' }]);
    const create = new CommerceCreate<UserProfile>('UserProfile');
    create.model = JSON.parse('{"email":"ann@example.com","__proto__":{"firstName":"Eve"}}');
    const query = queryBy('id', 'u1');
    query.searchCriteria.model = JSON.parse('{"id":"u1","__proto__":{"email":"x@example.com"}}');
    expect((await refused(create)).validationErrors).toEqual([{ property: 'model.__proto__', errorMessage: '__proto__ cannot be a property name' }]);
    expect((await refused(query)).validationErrors.map((e) => e.property)).toEqual(['searchCriteria.model.__proto__']);
    expect((await storedIds(s.foundation)).users).toEqual([]);
  });

  test(`relatedOperations nested hundreds deep are a ValidationFault past ${maxRequestDepth} levels, from fromJSON and processRequest alike`, () => {
    const fromJson = caught(() => CommerceRequest.fromJSON(nestedJson(1000)));
    expect(fromJson).toBeInstanceOf(ValidationFault);
    expect(onlyDepthErrors(fromJson)[0]?.property).toMatch(/^operations\[0\](\.relatedOperations\[0\]){14}/);
    // related queries nested 13 deep fit (the README says so); 14 do not
    expect(caught(() => CommerceRequest.fromJSON(nestedJson(13)))).toBeInstanceOf(CommerceRequest);
    onlyDepthErrors(caught(() => CommerceRequest.fromJSON(nestedJson(14))));
  });

  test('in code, deep or circular related operations are a ValidationFault too, and no SQL is sent', async () => {
    expect(onlyDepthErrors(await refused(nestedInCode(1000)))[0]?.property).toMatch(/^(relatedOperations\[0\]\.){14}/);
    const circular = queryBy('id', 'u1');
    const addresses = new CommerceQueryRelatedItem('Addresses');
    addresses.relatedOperations.push(addresses);
    circular.relatedOperations.push(addresses);
    onlyDepthErrors(await refused(circular));
    onlyDepthErrors(await refused(nestedInCode(14)));
    expect((await refused(nestedInCode(13))).validationErrors.map((e) => e.errorMessage)).not.toContain(depthMessage);
  });

  test('text that is not well-formed Unicode is refused wherever it is: values, keys, search criteria, the request context', async () => {
    const unicode = (property: string) => ({ property, errorMessage: expect.stringMatching(/not well-formed Unicode/) });
    const create = new CommerceCreate<UserProfile>('UserProfile');
    create.model = { email: 'ann@example.com', firstName: lone };
    expect((await refused(create)).validationErrors).toEqual([unicode('model.firstName')]);
    create.model = { email: 'ann@example.com', [lone]: 'x' } as never;
    expect((await refused(create)).validationErrors).toEqual([unicode('model')]);
    expect((await refused(queryBy('email', `${lone}@example.com`))).validationErrors).toEqual([unicode('searchCriteria.model.email')]);
    const context = await s.foundation.processRequest(queryBy('id', 'u1'), { properties: { note: lone } }).catch((e: unknown) => e);
    expect((context as ValidationFault).validationErrors).toEqual([unicode('requestContext.properties.note')]);
    const json = caught(() => CommerceRequest.fromJSON(JSON.stringify(new CommerceRequest([create])).replace('"x"', '"\\ud800"')));
    expect((json as ValidationFault).validationErrors).toEqual([unicode('operations[0].model')]);
    expect((await storedIds(s.foundation)).users).toEqual([]);
  });

  test("an app's own objects in requestContext.properties are passed on as they are, cycles and all", async () => {
    class Session {
      readonly self = this;
      readonly note = lone;
    }
    const properties = { session: new Session(), since: new Date() };
    const response = await s.foundation.processRequest(queryBy('id', 'u1'), { properties });
    expect(response.operationResponses[0].commerceEntities).toEqual([]);
  });

  test('the Profiles System refuses such text too; well-formed text beyond the BMP is stored and read back as it was', async () => {
    const { profiles } = s.foundation;
    const fault = caught(() => profiles.newProfile('u1', 'UserObject').set('GeneralInfo.first_name', lone));
    expect((fault as ValidationFault).validationErrors).toEqual([{ property: 'GeneralInfo.first_name', errorMessage: expect.stringMatching(/not well-formed Unicode/) }]);
    expect(caught(() => profiles.newProfile(lone, 'UserObject'))).toBeInstanceOf(ValidationFault);
    const create = new CommerceCreate<UserProfile>('UserProfile');
    create.model = { id: 'u1', email: 'ann@example.com', firstName: 'Ann 😀' };
    await s.foundation.processRequest(create);
    await s.foundation.profileManagement.refreshProfileCache();
    const stored = (await s.foundation.processRequest(queryBy('id', 'u1'))).operationResponses[0].commerceEntities[0];
    expect(stored?.firstName).toBe('Ann 😀');
  });
});
