import { CommerceQuery, CommerceUpdate, type CommerceFoundation, type SequenceComponent, type UserProfile } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { recordingLogger } from '../../support/recordingLogger.js';
import { createNotesTable } from '../../support/recordingComponents.js';
import { startFoundation } from '../../support/startFoundation.js';
import { addressModel, createUser, deleteBy, queryBy } from '../../support/userProfiles.js';

const requests = 200;
const seeded = 40;

function rename(id: string, firstName: string): CommerceUpdate<UserProfile> {
  const update = new CommerceUpdate<UserProfile>('UserProfile');
  update.searchCriteria.model.id = id;
  update.model.firstName = firstName;
  return update;
}

/** Request `i` of the mix: operations of every kind and the Profiles API, over users both servers touch. */
function request(foundation: CommerceFoundation, i: number): Promise<unknown> {
  const user = `seed${i % seeded}`;
  switch (i % 7) {
    case 0:
      return createUser(foundation, { id: `new${i}`, addresses: [addressModel(`a${i}`)] });
    case 1:
      return foundation.processRequest(rename(user, `Name ${i}`));
    case 2:
      return foundation.processRequest(queryBy('id', user, 'Addresses'));
    case 3:
      return foundation.processRequest(deleteBy('id', `seed${seeded + i}`));
    case 4:
      return foundation.profiles.blockUser(`blocked${i}`);
    case 5:
      return foundation.profiles.deleteProfile('GeneralInfo.email_address', `seed${seeded + i}@example.com`, 'UserObject');
    default:
      return foundation.profiles.saveProfiles([foundation.profiles.newProfile(`m${i}`, 'ShippingMethod').set('GeneralInfo.name', `Method ${i}`)]);
  }
}

/** Two servers over one database, writing at once: every request succeeds, whichever server it reaches. */
forEachDatabase((target) => {
  test(`${requests} mixed concurrent requests through two servers over one database: no request fails`, async () => {
    const runAgain: string[] = [];
    const logger = recordingLogger((line) => {
      if (line.level === 'warn') runAgain.push(line.msg);
    });
    const one = await startFoundation(target, { logger });
    const two = await startFoundation(target, { database: one.database, logger });
    for (let i = 0; i < seeded + requests; i++) await createUser(one.foundation, { id: `seed${i}` });

    const results = await Promise.allSettled(Array.from({ length: requests }, (_, i) => request(i % 2 ? two.foundation : one.foundation, i)));

    const failures = results.flatMap((result, i) => (result.status === 'rejected' ? [`request ${i}: ${String(result.reason)}`] : []));
    expect(failures).toEqual([]);
    // SQLite begins every writing transaction IMMEDIATE: none meets a stale snapshot, so none is run again.
    if (target.label === 'SQLite') expect(runAgain).toEqual([]);
    const creates = Array.from({ length: requests }, (_, i) => i).filter((i) => i % 7 === 0).length;
    expect(await one.foundation.knex('user_object').where('user_id', 'like', 'new%').pluck('user_id')).toHaveLength(creates);
  });

  test('an operation that reads, then writes after the other server wrote, is run again rather than failed', async () => {
    let otherServerWrites: (() => Promise<unknown>) | undefined;
    const readThenWrite: SequenceComponent = {
      async execute(context) {
        const db = await context.transaction();
        await db('notes').select('text');
        const interleave = otherServerWrites;
        otherServerWrites = undefined;
        await interleave?.();
        await db('notes').insert({ text: 'mine' });
      },
    };
    // A Query's transaction is not begun to write: on SQLite its write finds a stale snapshot (SQLITE_BUSY_SNAPSHOT).
    const files = { 'sequences/CommerceQueryOperation_Note.json': { components: [{ name: 'ReadThenWrite' }] } };
    const logger = recordingLogger(() => undefined);
    const one = await startFoundation(target, { files, components: { ReadThenWrite: readThenWrite }, logger });
    const two = await startFoundation(target, { database: one.database });
    await createNotesTable(one.foundation.knex);
    otherServerWrites = () => two.foundation.knex('notes').insert({ text: 'theirs' });

    await one.foundation.processRequest(new CommerceQuery('Note'));

    expect(await one.foundation.knex('notes').orderBy('id').pluck('text')).toEqual(['theirs', 'mine']);
  });
});
