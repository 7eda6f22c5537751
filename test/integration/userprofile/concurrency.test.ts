import { CommerceUpdate, ItemDoesNotExistFault, type UserProfile } from '../../../src/index.js';
import { onMariaDbOnly } from '../../support/databases.js';
import { recordingLogger } from '../../support/recordingLogger.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { addressModel, cardModel, createUser, deleteBy, related, testEncryptionKey } from '../../support/userProfiles.js';

const rounds = 20;

/**
 * Users sharing addresses and cards, deleted in parallel on MariaDB: each round ends with no address or card that
 * no one uses (nothing orphaned) and none missing that a remaining user still has (nothing deleted in use).
 */
onMariaDbOnly('parallel deletes of users sharing addresses', (target) => {
  let s: Started;
  let retries: string[];
  const logger = recordingLogger((line) => {
      if (line.level === 'warn' || line.level === 'error') retries.push(line.msg);
    });
  beforeEach(async () => {
    retries = [];
    s = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } }, logger });
  });
  // Deciding locks the items in key order, so these rounds do not deadlock (a regression showed 12 to 94 retries).
  afterEach(() => expect(retries.filter((m) => m !== 'operation conflicted; running it again')).toEqual([]));
  afterEach(() => expect(retries.length).toBeLessThanOrEqual(3));

  async function household(round: string) {
    const id = (name: string) => `${round}-${name}`;
    await createUser(s.foundation, { id: id('u1'), addresses: [addressModel(id('A')), addressModel(id('C'))], cards: [cardModel(id('K'), { billingAddressId: id('A') })] });
    await createUser(s.foundation, { id: id('u2'), addresses: [id('A'), addressModel(id('B')), id('C')], cards: [cardModel(id('L'), { billingAddressId: id('B') })] });
    await createUser(s.foundation, { id: id('u3'), addresses: [id('B'), id('C')], cards: [id('K')] });
    await createUser(s.foundation, { id: id('u4'), addresses: [id('C'), addressModel(id('D'))] });
    return id;
  }

  /** Every address and card is used by some user or card, and every one a user lists exists. */
  async function expectConsistent() {
    const { knex } = s.foundation;
    const orphanAddresses = await knex('address')
      .whereNotIn('address_id', knex('user_object_address_list').select('item_key'))
      .whereNotIn('address_id', knex('credit_card').whereNotNull('billing_address').select('billing_address'))
      .whereNotIn('address_id', knex('user_object').whereNotNull('preferred_address').select('preferred_address'))
      .pluck('address_id');
    const orphanCards = await knex('credit_card').whereNotIn('id', knex('user_object_credit_card_list').select('item_key')).pluck('id');
    const danglingBilling = await knex('credit_card').whereNotNull('billing_address').whereNotIn('billing_address', knex('address').select('address_id')).pluck('id');
    expect({ orphanAddresses, orphanCards, danglingBilling }).toEqual({ orphanAddresses: [], orphanCards: [], danglingBilling: [] });
  }

  const addressesOf = (prefix: string) => s.foundation.knex('address').where('address_id', 'like', `${prefix}-%`).orderBy('address_id').pluck('address_id');

  test(`three of four users deleted at once, ${rounds} rounds: what the fourth uses stays, the rest goes`, async () => {
    for (let round = 0; round < rounds; round++) {
      const id = await household(`r${round}`);
      const results = await Promise.all(['u1', 'u2', 'u3'].map((u) => s.foundation.processRequest(deleteBy('id', id(u)))));
      expect(results.map((r) => r.operationResponses[0].count)).toEqual([1, 1, 1]);
      expect(await addressesOf(`r${round}`)).toEqual([id('C'), id('D')]);
      expect(await s.foundation.knex('credit_card').where('id', 'like', `r${round}-%`).pluck('id')).toEqual([]);
      await expectConsistent();
    }
  });

  test(`all four deleted at once, ${rounds} rounds: nothing is left behind`, async () => {
    for (let round = 0; round < rounds; round++) {
      const id = await household(`all${round}`);
      await Promise.all(['u4', 'u2', 'u1', 'u3'].map((u) => s.foundation.processRequest(deleteBy('id', id(u)))));
      expect(await addressesOf(`all${round}`)).toEqual([]);
      await expectConsistent();
    }
  });

  test(`a delete racing an update that takes up one of its addresses, ${rounds} rounds: the address is kept or the update fails`, async () => {
    for (let round = 0; round < rounds; round++) {
      const id = await household(`race${round}`);
      const takeUp = new CommerceUpdate<UserProfile>('UserProfile');
      takeUp.searchCriteria.model.id = id('u4');
      takeUp.relatedOperations.push(related('Addresses', { id: id('A') }));
      const [, , updated] = await Promise.allSettled([
        s.foundation.processRequest(deleteBy('id', id('u1'))),
        s.foundation.processRequest(deleteBy('id', id('u2'))),
        s.foundation.processRequest(takeUp),
      ]);
      const addresses = await addressesOf(`race${round}`);
      if (updated.status === 'fulfilled') expect(addresses).toContain(id('A'));
      else {
        expect(updated.reason).toBeInstanceOf(ItemDoesNotExistFault);
        expect(addresses).not.toContain(id('A'));
      }
      await expectConsistent();
    }
  });
});
