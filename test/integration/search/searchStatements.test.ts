import { CommerceQuery, CommerceQueryRelatedItem, type Address, type UserProfile } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { userProfiles } from '../../support/searchUsers.js';

forEachDatabase((target) => {
  test('a search sends the same statements for 10 matches as for 1,000: the page, the total, the related items', async () => {
    const { foundation } = await startFoundation(target);
    const { profiles } = foundation;
    const seed = async (prefix: string, count: number) => {
      const { profiles: users } = userProfiles(foundation, 0, count, prefix);
      const addresses = users.map((u) => profiles.newProfile(`${u.primaryKey}-a`, 'Address').set('GeneralInfo.city', 'Oslo'));
      users.forEach((u, i) => u.set('GeneralInfo.address_list', [addresses[i]?.primaryKey ?? '']));
      await profiles.saveProfiles([...addresses, ...users]);
    };
    await seed('small', 10);
    await seed('large', 1000);
    const search = async (prefix: string) => {
      const query = new CommerceQuery<UserProfile>('UserProfile');
      query.searchCriteria.filter = { property: 'id', op: 'startsWith', value: prefix };
      query.searchCriteria.sortProperties = [{ property: 'lastName', sortDirection: 'Ascending' }];
      query.searchCriteria.returnTotalItemCount = true;
      query.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'));
      await foundation.profileManagement.refreshProfileCache();
      const response = await foundation.processRequest(query, { trace: true });
      const answer = response.operationResponses[0];
      return {
        found: answer.commerceEntities.length,
        total: answer.totalItemCount,
        withAddress: answer.commerceEntities.filter((u) => u.addresses?.length === 1).length,
        statements: (response.trace ?? []).reduce((sum, t) => sum + t.sqlStatements, 0),
      };
    };
    expect(await search('small')).toEqual({ found: 10, total: 10, withAddress: 10, statements: 3 });
    expect(await search('large')).toEqual({ found: 1000, total: 1000, withAddress: 1000, statements: 3 });
  });
});

forEachDatabase((target) => {
  test("related lists are sorted and paged by the database, for every user found in one statement, each with its total", async () => {
    const { foundation, sql } = await startFoundation(target);
    const { profiles } = foundation;
    const cities = ['Oslo', 'Alta', 'Molde', 'Bergen', 'Tromso', 'Hamar'];
    const seed = async (prefix: string, count: number) => {
      const { profiles: users } = userProfiles(foundation, 0, count, prefix);
      const addresses = users.flatMap((u, i) => Array.from({ length: 3 + (i % 4) }, (_, k) => profiles.newProfile(`${u.primaryKey}-a${k}`, 'Address').set('GeneralInfo.city', cities[(i + k * 5) % cities.length] ?? null)));
      users.forEach((u) => u.set('GeneralInfo.address_list', addresses.filter((a) => String(a.primaryKey).startsWith(`${u.primaryKey}-`)).map((a) => a.primaryKey)));
      await profiles.saveProfiles([...addresses, ...users]);
      return { users, addresses };
    };
    const search = async (prefix: string) => {
      const query = new CommerceQuery<UserProfile>('UserProfile');
      query.searchCriteria.filter = { property: 'id', op: 'startsWith', value: prefix };
      const addresses = new CommerceQueryRelatedItem<Address>('Addresses');
      addresses.searchCriteria = { model: {}, sortProperties: [{ property: 'city', sortDirection: 'Descending' }], firstItemIndex: 1, numberOfItemsToReturn: 2, returnTotalItemCount: true };
      query.relatedOperations.push(addresses);
      await foundation.profileManagement.refreshProfileCache();
      sql.reset();
      const response = await foundation.processRequest(query, { trace: true });
      return { users: response.operationResponses[0].commerceEntities, statements: (response.trace ?? []).reduce((sum, t) => sum + t.sqlStatements, 0) };
    };
    const few = await seed('few', 5);
    const small = await search('few');
    expect(sql.statements.some((s) => /ROW_NUMBER\(\) OVER \(PARTITION BY l\.owner_key ORDER BY t\.[`"]city[`"] DESC, l\.position\)/.test(s))).toBe(true);
    few.users.forEach((u, i) => {
      const own = few.addresses.filter((a) => String(a.primaryKey).startsWith(`${u.primaryKey}-`));
      const expected = own
        .map((a, position) => ({ id: a.primaryKey, city: a.get('GeneralInfo.city') as string, position }))
        .sort((a, b) => (a.city === b.city ? a.position - b.position : a.city < b.city ? 1 : -1))
        .slice(1, 3)
        .map((a) => a.id);
      const found = small.users[i] as UserProfile & { totalItemCounts?: Record<string, number> };
      expect(found.addresses?.map((a) => a.id)).toEqual(expected);
      expect(found.totalItemCounts).toEqual({ addresses: own.length });
    });
    await seed('many', 50);
    // the page of users, then every user's page of addresses: the lists are not read whole first
    expect(small.statements).toBe(2);
    expect((await search('many')).statements).toBe(small.statements);
  });
});
