import {
  CommerceCreate,
  CommerceDelete,
  CommerceQuery,
  CommerceRequest,
  FoundationClosedFault,
  ItemAlreadyExistsFault,
  SequenceNotFoundFault,
  ValidationFault,
  type UserProfile,
} from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { createUser, queryBy, storedIds } from '../../support/userProfiles.js';

function createAnn(): CommerceCreate<UserProfile> {
  const create = new CommerceCreate<UserProfile>('UserProfile');
  create.model = { id: 'u1', email: 'ann@example.com' };
  return create;
}

forEachDatabase((target) => {
  test('every operation of a request is checked before any runs: [valid Create, invalid Delete] sends no SQL and creates nothing', async () => {
    const s = await startFoundation(target);
    const invalidDelete = new CommerceDelete<UserProfile>('UserProfile');
    invalidDelete.searchCriteria.model = { id: 'u1', email: 'ann@example.com' };
    s.sql.reset();
    const fault = await s.foundation.processRequest(new CommerceRequest([createAnn(), invalidDelete])).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ValidationFault);
    expect((fault as ValidationFault).operationIndex).toBe(1);
    expect(s.sql.statements).toEqual([]);
    expect((await storedIds(s.foundation)).users).toEqual([]);
  });

  test('a fault carries the responses of the operations done before it (for remote channels); one found before any ran carries none', async () => {
    const s = await startFoundation(target);
    const again = createAnn();
    again.model = { email: 'ann@example.com' };
    const fault = await s.foundation.processRequest(new CommerceRequest([createAnn(), again])).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(ItemAlreadyExistsFault);
    expect((fault as ItemAlreadyExistsFault).operationIndex).toBe(1);
    expect((fault as ItemAlreadyExistsFault).operationResponses).toEqual([{ commerceEntity: expect.objectContaining({ id: 'u1', email: 'ann@example.com' }) as unknown }]);
    const early = await s.foundation.processRequest(new CommerceRequest([createAnn(), new CommerceQuery('WishList')])).catch((e: unknown) => e);
    expect((early as SequenceNotFoundFault).operationResponses).toEqual([]);
  });

  test('an operation with no sequence, anywhere in the request, is found before any operation runs', async () => {
    const s = await startFoundation(target);
    s.sql.reset();
    const fault = await s.foundation.processRequest(new CommerceRequest([createAnn(), new CommerceQuery('WishList')])).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(SequenceNotFoundFault);
    expect((fault as SequenceNotFoundFault).operationIndex).toBe(1);
    expect(s.sql.statements).toEqual([]);
  });

  test('after close(), requests and Profiles System calls fail with FoundationClosedFault, even those the cache could answer', async () => {
    const s = await startFoundation(target);
    await createUser(s.foundation, { id: 'u1' });
    const { profiles, profileManagement } = s.foundation;
    await s.stop();
    await s.foundation.close();
    const calls: [string, () => Promise<unknown>][] = [
      ['processRequest', () => s.foundation.processRequest(queryBy('id', 'u1'))],
      ['an invalid request', () => s.foundation.processRequest(new CommerceQuery('UserProfile'))],
      ['getProfile (cached)', () => profiles.getProfile('u1', 'UserObject')],
      ['getProfile by a key', () => profiles.getProfile('GeneralInfo.email_address', 'u1@example.com', 'UserObject')],
      ['saveProfiles', () => profiles.saveProfiles([profiles.newProfile('u2', 'UserObject')])],
      ['deleteProfile', () => profiles.deleteProfile('u1', 'UserObject')],
      ['isUserBlocked', () => profiles.isUserBlocked('u1')],
      ['refreshProfileCache', () => profileManagement.refreshProfileCache('u1', 'UserObject')],
      ['knownProfile (cached)', () => Promise.resolve().then(() => profiles.knownProfile('GeneralInfo.user_id', 'u1', 'UserObject'))],
      ['peekProfiles (cached)', () => Promise.resolve().then(() => profiles.peekProfiles(['u1'], 'UserObject'))],
    ];
    for (const [, call] of calls) {
      const fault = await call().catch((e: unknown) => e);
      expect(fault).toBeInstanceOf(FoundationClosedFault);
      expect((fault as Error).message).toMatch(/foundation is closed/);
    }
  });
});
