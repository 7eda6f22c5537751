import { CommerceQuery, type OperationContext, type SequenceComponent, type WrittenProfiles } from '../../src/index.js';
import { forEachDatabase } from '../support/databases.js';
import { startFoundation, type Started } from '../support/startFoundation.js';
import { sequenceFile } from '../support/tempApp.js';
import { createUser, deleteBy, testEncryptionKey } from '../support/userProfiles.js';

type Written = Record<'created' | 'updated' | 'deleted', unknown[]>;

const viewOf = (written: WrittenProfiles, type: string): Written => ({
  created: [...written.created(type)],
  updated: [...written.updated(type)],
  deleted: [...written.deleted(type)],
});

/** OperationContext.writtenProfiles: what the operation wrote through the Profiles System, by type and key. */
forEachDatabase((target) => {
  let s: Started;
  let script: (context: OperationContext) => Promise<void>;
  const seen: Written[] = [];
  const run: SequenceComponent = { execute: (context) => script(context) };
  const report: SequenceComponent = {
    execute(context) {
      seen.push(viewOf(context.writtenProfiles, 'UserObject'), viewOf(context.writtenProfiles, 'Address'));
    },
  };

  beforeEach(async () => {
    seen.length = 0;
    const deleteWithReport = sequenceFile('UserProfileLoader', 'UserProfileAddressesProcessor', 'UserProfileCreditCardsProcessor', 'UserProfileCommitter', 'Report');
    s = await startFoundation(target, {
      components: { Run: run, Report: report },
      files: {
        'config/commerce.json': { encryptionKey: testEncryptionKey },
        'sequences/CommerceQueryOperation_Work.json': sequenceFile('Run', 'Report'),
        'sequences/CommerceDeleteOperation_UserProfile.json': deleteWithReport,
      },
    });
  });

  const address = (context: OperationContext, id: string) => context.profiles.newProfile(id, 'Address').set('GeneralInfo.city', 'Oslo');
  const stored = async (...ids: string[]) => s.foundation.profiles.saveProfiles(ids.map((id) => s.foundation.profiles.newProfile(id, 'Address')));
  const work = async (body: (context: OperationContext) => Promise<void>) => {
    script = body;
    await s.foundation.processRequest(new CommerceQuery('Work'));
    return seen[1];
  };

  test('profiles created, updated and deleted, by type and primary key; deletes that found nothing are left out', async () => {
    await stored('old', 'gone', 'also-gone');
    const written = await work(async (context) => {
      await context.profiles.saveProfiles([address(context, 'new-1'), address(context, 'new-2')]);
      const old = await context.profiles.getProfile('old', 'Address');
      await old?.set('GeneralInfo.city', 'Bergen').update();
      await context.profiles.deleteProfiles(['gone', 'never-there', 'also-gone', 'nor-this'], 'Address');
      await context.profiles.deleteProfile('not-here-either', 'Address');
    });
    expect(written).toEqual({ created: ['new-1', 'new-2'], updated: ['old'], deleted: ['gone', 'also-gone'] });
  });

  test('the net change: created then changed is created; created then deleted was never there; deleted and made again is updated', async () => {
    await stored('back');
    const written = await work(async (context) => {
      const brief = address(context, 'brief');
      await brief.update();
      await brief.set('GeneralInfo.city', 'Bergen').update();
      await context.profiles.saveProfiles([address(context, 'kept')]);
      await context.profiles.deleteProfile('brief', 'Address');
      await context.profiles.deleteProfile('back', 'Address');
      await address(context, 'back').update();
    });
    expect(written).toEqual({ created: ['kept'], updated: ['back'], deleted: [] });
  });

  test('a UserProfile Delete shows the user and the unused addresses it removed; deleting no one shows nothing', async () => {
    await createUser(s.foundation, { id: 'ann', addresses: [{ id: 'home', addressName: 'Home', line1: '1 Main St', city: 'Oslo', stateProvinceCode: 'OS', zipPostalCode: '0150', countryRegionCode: 'NO' }] });
    await createUser(s.foundation, { id: 'bob', addresses: ['home'] });
    await createUser(s.foundation, { id: 'cid', addresses: [{ id: 'flat', addressName: 'Flat', line1: '2 Main St', city: 'Oslo', stateProvinceCode: 'OS', zipPostalCode: '0150', countryRegionCode: 'NO' }] });
    await s.foundation.processRequest(deleteBy('id', 'ann'));
    await s.foundation.processRequest(deleteBy('id', 'cid'));
    await s.foundation.processRequest(deleteBy('id', 'nobody'));
    expect(seen).toEqual([
      { created: [], updated: [], deleted: ['ann'] },
      { created: [], updated: [], deleted: [] },
      { created: [], updated: [], deleted: ['cid'] },
      { created: [], updated: [], deleted: ['flat'] },
      { created: [], updated: [], deleted: [] },
      { created: [], updated: [], deleted: [] },
    ]);
  });

  test('deleting several profiles the operation has not locked sends one locking read more than deleting ones it has', async () => {
    await stored('a', 'b', 'c', 'd');
    let statements: number[] = [];
    await work(async (context) => {
      await context.profiles.getProfiles(['a', 'b'], 'Address', { lock: 'update' });
      s.sql.reset();
      await context.profiles.deleteProfiles(['a', 'b'], 'Address');
      const locked = s.sql.count();
      s.sql.reset();
      await context.profiles.deleteProfiles(['c', 'd'], 'Address');
      statements = [locked, s.sql.count()];
    });
    expect(statements[1]).toBe((statements[0] ?? 0) + 1);
  });

  test('outside an operation, where no one reads what was written, deleting several profiles sends no locking read', async () => {
    await stored('a', 'b', 'c');
    s.sql.reset();
    await s.foundation.profiles.deleteProfiles(['a'], 'Address');
    const one = s.sql.count();
    s.sql.reset();
    await s.foundation.profiles.deleteProfiles(['b', 'c', 'none'], 'Address');
    expect(s.sql.count()).toBe(one);
  });
});
