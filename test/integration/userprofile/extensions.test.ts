import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommerceCreate, ConfigurationError, ValidationFault, type UserProfile } from '../../../src/index.js';
import { packageRoot } from '../../../src/config/packageRoot.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { queryBy } from '../../support/userProfiles.js';

const builtInUser = JSON.parse(readFileSync(join(packageRoot, 'modules/userprofile/config/profiles/UserObject.json'), 'utf8'));
const extendedUser = {
  ...builtInUser,
  properties: [
    ...builtInUser.properties,
    { name: 'LoyaltyInfo.tier', type: 'string', maxLength: 10 },
    { name: 'LoyaltyInfo.points', type: 'number' },
    { name: 'LoyaltyInfo.member_since', type: 'datetime' },
  ],
};
const mapping = { properties: { loyaltyTier: 'LoyaltyInfo.tier', loyaltyPoints: 'LoyaltyInfo.points', memberSince: { profile: 'LoyaltyInfo.member_since' } } };

type LoyalUser = UserProfile & { loyaltyTier?: string; loyaltyPoints?: number; memberSince?: string };

forEachDatabase((target) => {
  test('a property added to a definition and mapped in config/models appears in the model like the built-in ones', async () => {
    const s = await startFoundation(target, { files: { 'config/profiles/UserObject.json': extendedUser, 'config/models/UserProfile.json': mapping } });
    const create = new CommerceCreate<LoyalUser>('UserProfile');
    create.model = { id: 'u1', email: 'ann@example.com', loyaltyTier: 'gold', loyaltyPoints: 120, memberSince: '2024-05-01T00:00:00.000Z' };
    await s.foundation.processRequest(create);
    expect(await s.foundation.knex('user_object').where({ user_id: 'u1' }).first('tier', 'points')).toEqual({ tier: 'gold', points: 120 });
    await s.foundation.profileManagement.refreshProfileCache();
    const user = (await s.foundation.processRequest(queryBy('id', 'u1'))).operationResponses[0].commerceEntities[0];
    expect(user).toMatchObject({ loyaltyTier: 'gold', loyaltyPoints: 120, memberSince: '2024-05-01T00:00:00.000Z' });

    const bad = new CommerceCreate<LoyalUser>('UserProfile');
    bad.model = { email: 'bob@example.com', loyaltyTier: 'platinum plus', loyaltyPoints: 'many' as never };
    const fault = await s.foundation.processRequest(bad).catch((e: unknown) => e);
    expect((fault as ValidationFault).validationErrors.map((e) => e.property).sort()).toEqual(['model.loyaltyPoints', 'model.loyaltyTier']);
  });

  test('a mapping to a property the definition lacks, or to an unknown model, is a start-up error', async () => {
    const error = await startFoundation(target, {
      files: { 'config/models/UserProfile.json': { properties: { loyaltyTier: 'LoyaltyInfo.tier', email: 'GeneralInfo.email_address' } }, 'config/models/Basket.json': mapping },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.map((p) => [p.file, p.path, p.message])).toEqual(
      expect.arrayContaining([
        ['config/models/Basket.json', '', expect.stringMatching(/Basket is no model/)],
        ['config/models/UserProfile.json', 'properties.loyaltyTier', expect.stringMatching(/UserObject has no property LoyaltyInfo\.tier/)],
        ['config/models/UserProfile.json', 'properties.email', 'UserProfile.email is mapped already'],
      ]),
    );
  });
});
