import {
  CommerceDelete,
  CommerceQuery,
  CommerceRequest,
  CommerceUpdate,
  createCommerceFoundation,
  ValidationFault,
  type CommerceFoundation,
  type SearchFilter,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { recordSql, type SqlLog } from '../../support/startFoundation.js';
import { seededUser, seedUsers, sortedUsers, type SeededUser } from '../../support/searchUsers.js';
import { tempApp, type TempApp } from '../../support/tempApp.js';

/** Users whose last names hold what SQL text, LIKE patterns and escapes are made of, and look-alikes of them. */
const special: Partial<SeededUser>[] = [
  { id: 's1', lastName: "' OR 1=1 --" },
  { id: 's2', lastName: '100%' },
  { id: 's3', lastName: '100 kroner' },
  { id: 's4', lastName: 'a_b' },
  { id: 's5', lastName: 'axb' },
  { id: 's6', lastName: 'back\\slash' },
  { id: 's7', lastName: 'back/slash' },
];

forEachDatabase((target) => {
  let app: TempApp;
  let foundation: CommerceFoundation;
  let sql: SqlLog;
  let users: SeededUser[];

  beforeAll(async () => {
    app = tempApp();
    foundation = await createCommerceFoundation({ root: app.root, database: await target.create() });
    sql = recordSql(foundation.knex);
    users = await seedUsers(foundation, 300);
    await foundation.profiles.saveProfiles(
      special.map((u, i) => foundation.profiles.newProfile(u.id ?? '', 'UserObject').set('GeneralInfo.email_address', `special${i}@example.com`).set('GeneralInfo.last_name', u.lastName)),
    );
  });
  afterAll(async () => {
    await foundation.close();
    app.remove();
  });

  const search = (criteria: Partial<CommerceQuery<UserProfile>['searchCriteria']>) => {
    const query = new CommerceQuery<UserProfile>('UserProfile');
    Object.assign(query.searchCriteria, criteria);
    return query;
  };
  const answer = async (criteria: Partial<CommerceQuery<UserProfile>['searchCriteria']>) => (await foundation.processRequest(search(criteria))).operationResponses[0];
  const idsOf = async (criteria: Partial<CommerceQuery<UserProfile>['searchCriteria']>) => (await answer(criteria)).commerceEntities.map((u) => u.id);
  /** The seeded (not special) users a filter should find, in primary-key order. */
  const expected = (keep: (u: SeededUser) => boolean) => users.filter(keep).map((u) => u.id);
  const seededOnly: SearchFilter = { property: 'email', op: 'startsWith', value: 'user' };
  const among = (filter: SearchFilter): SearchFilter => ({ all: [seededOnly, filter] });

  test('searchCriteria.model: equality on every searchable property given', async () => {
    expect(await idsOf({ model: { lastName: 'Lee' } })).toEqual(expected((u) => u.lastName === 'Lee'));
    expect(await idsOf({ model: { lastName: 'Lee', accountStatus: 2 } })).toEqual(expected((u) => u.lastName === 'Lee' && u.accountStatus === 2));
    expect(await idsOf({ model: { firstName: 'Ida', lastName: 'Nobody' } })).toEqual([]);
  });

  const date = (i: number) => seededUser(i).dateCreated;
  const operators: [string, SearchFilter, (u: SeededUser) => boolean][] = [
    ['eq', { property: 'lastName', op: 'eq', value: 'Holm' }, (u) => u.lastName === 'Holm'],
    ['ne (a user without a value too)', { property: 'lastName', op: 'ne', value: 'Holm' }, (u) => u.lastName !== 'Holm'],
    ['lt', { property: 'accountStatus', op: 'lt', value: 1 }, (u) => u.accountStatus < 1],
    ['lte', { property: 'lastName', op: 'lte', value: 'Eide' }, (u) => u.lastName !== null && u.lastName <= 'Eide'],
    ['gt', { property: 'dateCreated', op: 'gt', value: date(200) }, (u) => u.dateCreated > date(200)],
    ['gte', { property: 'dateCreated', op: 'gte', value: date(200) }, (u) => u.dateCreated >= date(200)],
    ['in', { property: 'firstName', op: 'in', value: ['Ann', 'Kari'] }, (u) => u.firstName === 'Ann' || u.firstName === 'Kari'],
    ['startsWith', { property: 'lastName', op: 'startsWith', value: 'Le' }, (u) => u.lastName?.startsWith('Le') ?? false],
    ['contains', { property: 'lastName', op: 'contains', value: 'sen' }, (u) => u.lastName?.includes('sen') ?? false],
    ['isNull', { property: 'firstName', op: 'isNull' }, (u) => u.firstName === null],
    ['isNull false', { property: 'lastName', op: 'isNull', value: false }, (u) => u.lastName !== null],
    ['a datetime with an offset', { property: 'dateCreated', op: 'lt', value: '2025-01-11T01:00:00+01:00' }, (u) => u.dateCreated < '2025-01-11T00:00:00.000Z'],
  ];
  test.each(operators)('filter %s', async (_, filter, keep) => {
    expect(await idsOf({ filter: among(filter) })).toEqual(expected(keep));
  });

  test('filters combine: all, any, not, nested', async () => {
    const filter: SearchFilter = {
      all: [
        seededOnly,
        { any: [{ property: 'lastName', op: 'startsWith', value: 'L' }, { property: 'accountStatus', op: 'eq', value: 0 }] },
        { not: { any: [{ property: 'firstName', op: 'in', value: ['Ann', 'Bob'] }, { property: 'firstName', op: 'isNull' }] } },
      ],
    };
    const keep = (u: SeededUser) => (u.lastName?.startsWith('L') === true || u.accountStatus === 0) && !(u.firstName === 'Ann' || u.firstName === 'Bob' || u.firstName === null);
    expect(await idsOf({ filter })).toEqual(expected(keep));
    // not keeps the users without a value, as ne does
    expect(await idsOf({ filter: among({ not: { property: 'lastName', op: 'startsWith', value: 'L' } }) })).toEqual(expected((u) => !(u.lastName?.startsWith('L') ?? false)));
  });

  const sorts: [keyof SeededUser, 'Ascending' | 'Descending'][] = [
    ['lastName', 'Ascending'],
    ['lastName', 'Descending'],
    ['accountStatus', 'Descending'],
    ['dateCreated', 'Ascending'],
    ['firstName', 'Descending'],
  ];
  test.each(sorts)('sorted by %s (%s), ties in primary-key order', async (property, sortDirection) => {
    const found = await idsOf({ filter: seededOnly, sortProperties: [{ property, sortDirection }] });
    expect(found).toEqual(sortedUsers(users, property, sortDirection === 'Descending').map((u) => u.id));
  });

  test('pages at the start, the middle and the end, each with the total before paging', async () => {
    const all = sortedUsers(users, 'lastName').map((u) => u.id);
    const page = async (firstItemIndex: number) => {
      const response = await answer({ filter: seededOnly, sortProperties: [{ property: 'lastName', sortDirection: 'Ascending' }], firstItemIndex, numberOfItemsToReturn: 50, returnTotalItemCount: true });
      return { ids: response.commerceEntities.map((u) => u.id), total: response.totalItemCount };
    };
    expect(await page(0)).toEqual({ ids: all.slice(0, 50), total: 300 });
    expect(await page(125)).toEqual({ ids: all.slice(125, 175), total: 300 });
    expect(await page(280)).toEqual({ ids: all.slice(280), total: 300 });
    expect(await page(300)).toEqual({ ids: [], total: 300 });
    expect((await answer({ model: { accountStatus: 1 }, numberOfItemsToReturn: 0, returnTotalItemCount: true })).totalItemCount).toBe(users.filter((u) => u.accountStatus === 1).length);
  });

  test("values are bound and match only themselves: ' OR 1=1 --, %, _ and \\ included", async () => {
    const lastName = (op: 'eq' | 'startsWith' | 'contains', value: string) => idsOf({ filter: { property: 'lastName', op, value } });
    expect(await lastName('eq', "' OR 1=1 --")).toEqual(['s1']);
    expect(await idsOf({ model: { lastName: "' OR 1=1 --" } })).toEqual(['s1']);
    expect(await lastName('startsWith', "'")).toEqual(['s1']);
    expect(await lastName('startsWith', '100%')).toEqual(['s2']);
    expect(await lastName('contains', '%')).toEqual(['s2']);
    expect(await lastName('contains', '_')).toEqual(['s4']);
    expect(await lastName('startsWith', 'a_')).toEqual(['s4']);
    expect(await lastName('contains', '\\')).toEqual(['s6']);
    expect(await lastName('startsWith', 'back\\s')).toEqual(['s6']);
  });

  const refused: [string, Partial<CommerceQuery<UserProfile>['searchCriteria']>, string, RegExp][] = [
    ['an unknown property', { filter: { property: 'nickname', op: 'eq', value: 'x' } }, 'searchCriteria.filter.property', /no property nickname/],
    ['an unsearchable property', { filter: { all: [seededOnly, { property: 'telephone', op: 'eq', value: '1' }] } }, 'searchCriteria.filter.all[1].property', /telephone is not searchable/],
    ['an unsearchable property in the model', { model: { telephone: '555' } }, 'searchCriteria.model.telephone', /not searchable/],
    ['a value of the wrong type', { filter: { property: 'accountStatus', op: 'eq', value: 'one' } }, 'searchCriteria.filter.value', /finite number/],
    ['text that is no date-time', { filter: { property: 'dateCreated', op: 'gt', value: 'yesterday' } }, 'searchCriteria.filter.value', /ISO 8601/],
    ['an operator the type cannot take', { filter: { property: 'accountStatus', op: 'startsWith', value: '1' } }, 'searchCriteria.filter.op', /startsWith does not apply/],
    ['an empty in', { filter: { property: 'lastName', op: 'in', value: [] } }, 'searchCriteria.filter.value', /at least one/],
    ['in without a list', { filter: { property: 'lastName', op: 'in', value: 'Lee' } }, 'searchCriteria.filter.value', /list/],
    ['an empty all', { filter: { all: [] } }, 'searchCriteria.filter.all', /at least one/],
    ['a tree deeper than the limit', { filter: { not: { not: { not: { not: { not: { not: seededOnly } } } } } } }, 'searchCriteria.filter.not.not.not.not.not.not', /deeper than 6/],
    ['an unknown operator', { filter: { property: 'lastName', op: 'like' as never, value: 'x' } }, 'searchCriteria.filter', /./],
    ['a sort property that is not the model', { sortProperties: [{ property: 'nickname', sortDirection: 'Ascending' }] }, 'searchCriteria.sortProperties[0]', /no property nickname/],
  ];
  test.each(refused)('%s is a ValidationFault naming its path, and no SQL is sent', async (_, criteria, path, message) => {
    sql.reset();
    const fault = (await foundation.processRequest(search(criteria)).catch((e: unknown) => e)) as ValidationFault;
    expect(fault).toBeInstanceOf(ValidationFault);
    expect(fault.validationErrors).toContainEqual({ property: path, errorMessage: expect.stringMatching(message) as string });
    expect(fault.message).not.toContain("' OR");
    expect(sql.count()).toBe(0);
  });

  test('a key lookup reads through the cache: the second sends no SQL; a search always asks the database', async () => {
    await idsOf({ model: { email: 'user7@example.com' } });
    sql.reset();
    expect(await idsOf({ model: { email: 'user7@example.com' } })).toEqual([users[7]?.id]);
    expect(sql.count()).toBe(0);
    await idsOf({ model: { lastName: 'Vik' } });
    expect(sql.count()).toBeGreaterThan(0);
  });

  test("Update and Delete of UserProfile keep seed 002's rule: exactly one of id and email", async () => {
    for (const Kind of [CommerceUpdate, CommerceDelete]) {
      const op = new Kind<UserProfile>('UserProfile');
      op.searchCriteria.model.lastName = 'Lee';
      op.searchCriteria.filter = seededOnly;
      if (op instanceof CommerceUpdate) op.model.firstName = 'X';
      const fault = (await foundation.processRequest(op).catch((e: unknown) => e)) as ValidationFault;
      expect(fault.validationErrors.map((e) => e.property)).toEqual(['searchCriteria.model.lastName', 'searchCriteria.filter', 'searchCriteria.model']);
    }
  });

  test('the JSON form carries the filter: CommerceRequest.fromJSON runs the same search', async () => {
    const query = search({ filter: among({ property: 'lastName', op: 'in', value: ['Moen', 'Vik'] }), sortProperties: [{ property: 'lastName', sortDirection: 'Descending' }] });
    const json = JSON.parse(JSON.stringify(new CommerceRequest([query]))) as unknown;
    const response = await foundation.processRequest(CommerceRequest.fromJSON(json));
    const keep = (u: SeededUser) => u.lastName === 'Moen' || u.lastName === 'Vik';
    const found = response.operationResponses[0] as { commerceEntities: UserProfile[] };
    expect(found.commerceEntities.map((u) => u.id)).toEqual(sortedUsers(users.filter(keep), 'lastName', true).map((u) => u.id));
  });

  test('profileManagement.searchProfiles: the same language on profile properties, answering Profile objects', async () => {
    const { profiles, totalCount } = await foundation.profileManagement.searchProfiles('UserObject', {
      filter: { all: [{ property: 'GeneralInfo.email_address', op: 'startsWith', value: 'user' }, { property: 'AccountInfo.account_status', op: 'gte', value: 1 }] },
      sort: [{ property: 'GeneralInfo.last_name', sortDirection: 'Ascending' }],
      offset: 10,
      limit: 20,
      count: true,
    });
    const matching = sortedUsers(users.filter((u) => u.accountStatus >= 1), 'lastName');
    expect(profiles.map((p) => p.primaryKey)).toEqual(matching.slice(10, 30).map((u) => u.id));
    expect(profiles[0]?.get('GeneralInfo.last_name')).toBe(matching[10]?.lastName);
    expect(totalCount).toBe(matching.length);
    const plain = await foundation.profileManagement.searchProfiles('UserObject', { filter: { property: 'GeneralInfo.last_name', op: 'eq', value: 'a_b' } });
    expect(plain).toEqual({ profiles: [expect.objectContaining({ primaryKey: 's4' })] });
    await expect(foundation.profileManagement.searchProfiles('UserObject', { filter: { property: 'GeneralInfo.nickname', op: 'eq', value: 'x' } })).rejects.toThrow(ValidationFault);
    await expect(foundation.profileManagement.searchProfiles('UserObject', { limit: -1 })).rejects.toThrow(/limit: must be a whole number/);
  });
});
