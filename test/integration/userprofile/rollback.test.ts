import { ComponentFault, type UserProfile } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { addressModel, cardModel, createUser, deleteBy, queryBy, storedIds, testEncryptionKey } from '../../support/userProfiles.js';

const deleteSequence = {
  components: [
    'UserProfileLoader',
    'UserProfileAddressesProcessor',
    'UserProfileCreditCardsProcessor',
    'UserProfileCommitter',
    'AuditTrail',
    'UserProfileResponseBuilder',
  ].map((name) => ({ name })),
};

forEachDatabase((target) => {
  test("a component failing after the committer in an app's delete sequence leaves user, addresses, cards and cache as they were", async () => {
    const AuditTrail = { execute: () => Promise.reject(new Error('audit store is down')) };
    const s = await startFoundation(target, {
      files: {
        'config/commerce.json': { encryptionKey: testEncryptionKey },
        'sequences/CommerceDeleteOperation_UserProfile.json': deleteSequence,
      },
      components: { AuditTrail },
    });
    await createUser(s.foundation, { id: 'u1', addresses: [addressModel('mine'), addressModel('shared')], cards: [cardModel('c1', { billingAddressId: 'mine' })] });
    await createUser(s.foundation, { id: 'u2', addresses: ['shared'] });
    const before = await storedIds(s.foundation);
    const cachedBefore = s.foundation.profileManagement.cachedProfiles;

    const fault = await s.foundation.processRequest(deleteBy('id', 'u1')).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ComponentFault);
    expect((fault as ComponentFault).component).toBe('AuditTrail');

    expect(await storedIds(s.foundation)).toEqual(before);
    expect(s.foundation.profileManagement.cachedProfiles).toBe(cachedBefore);
    s.sql.reset();
    const user = (await s.foundation.processRequest(queryBy('id', 'u1', 'Addresses', 'CreditCards'))).operationResponses[0].commerceEntities[0] as UserProfile;
    expect(s.sql.count()).toBe(0); // served from the cache, which kept the user and its items as they were
    expect(user.addresses?.map((a) => a.id)).toEqual(['mine', 'shared']);
    expect(user.creditCards?.map((c) => c.id)).toEqual(['c1']);
  });
});
