import { CommerceQuery, CommerceQueryRelatedItem, type UserProfile } from '../../../src/index.js';
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
