import type { Knex } from 'knex';
import { ComponentFault, type CommerceFoundation } from '../../src/index.js';
import { forEachDatabase, type DatabaseTarget } from '../support/databases.js';
import { startFoundation } from '../support/startFoundation.js';
import { addressModel, createUser, storedIds, testEncryptionKey } from '../support/userProfiles.js';

/**
 * A trigger that refuses a row with an error no dialect knows (neither a key taken nor a missing item): the failure a
 * ComponentFault is made of. On MariaDB the framework queues its writes, and the failure is met by a later statement.
 */
async function refuse(knex: Knex, target: DatabaseTarget, table: string, when: string): Promise<void> {
  if (target.label === 'SQLite') {
    await knex.raw(`CREATE TRIGGER refuse_${table} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
  } else {
    await knex.raw(`CREATE TRIGGER refuse_${table} BEFORE INSERT ON ${table} FOR EACH ROW BEGIN IF ${when} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test'; END IF; END`);
  }
}

const faultOf = (run: Promise<unknown>) => run.then(() => undefined, (error: unknown) => error);

forEachDatabase((target) => {
  let foundation: CommerceFoundation;
  beforeEach(async () => {
    ({ foundation } = await startFoundation(target, { files: { 'config/commerce.json': { encryptionKey: testEncryptionKey } } }));
  });

  test("a write's failure names the step that sent it, even when a later step's statement meets it (a queued write on MariaDB)", async () => {
    await refuse(foundation.knex, target, 'address', "NEW.city = 'Nowhere'");
    const fault = await faultOf(createUser(foundation, { id: 'u1', addresses: [addressModel('a1', { city: 'Nowhere' })] }));
    expect(fault).toBeInstanceOf(ComponentFault);
    expect((fault as ComponentFault).component).toBe('UserProfileAddressesProcessor');
    expect((fault as Error).message).toMatch(/^Component UserProfileAddressesProcessor failed: The database refused a statement: /);
    expect(await storedIds(foundation)).toMatchObject({ users: [], addresses: [] });
  });

  test('a write whose failure only the commit meets names the step that sent it, not the transaction', async () => {
    await refuse(foundation.knex, target, 'user_object', "NEW.first_name = 'Refused'");
    const fault = await faultOf(createUser(foundation, { id: 'u1', extra: { firstName: 'Refused' }, addresses: [addressModel('a1')] }));
    expect(fault).toBeInstanceOf(ComponentFault);
    expect((fault as ComponentFault).component).toBe('UserProfileCommitter');
    expect(await storedIds(foundation)).toMatchObject({ users: [], addresses: [] });
  });
});
