import { ComponentFault } from '../../src/index.js';
import { auditTable } from '../../examples/shop/src/AuditTrail.js';
import { closeAccount, openShop, registerCustomer } from '../../examples/shop/src/shop.js';
import { deleteBy } from '../support/userProfiles.js';
import { forEachDatabase } from '../support/databases.js';

const home = { addressName: 'Home', line1: 'Storgata 1', city: 'Oslo', stateProvinceCode: 'OS', zipPostalCode: '0155', countryRegionCode: 'NO' };

/** The example app in examples/shop, run as its README says, on each database. */
forEachDatabase((target) => {
  test('closing an account deletes the customer and writes the audit trail in the same transaction', async () => {
    const shop = await openShop({ database: await target.create() });
    try {
      const customer = await registerCustomer(shop, 'ann@example.com', home);
      expect(customer.preferredAddressId).toBeDefined();
      expect(await closeAccount(shop, 'ann@example.com')).toEqual({ closed: 1, addresses: [customer.preferredAddressId] });
      expect(await shop.knex(auditTable).select('user_id', 'action', 'handler', 'channel')).toEqual([
        { user_id: customer.id, action: 'account closed', handler: 'CommerceDeleteOperation_UserProfile', channel: 'support' },
      ]);
      expect(await closeAccount(shop, 'nobody@example.com')).toEqual({ closed: 0, addresses: [] });
      expect(await shop.knex(auditTable).count({ n: '*' })).toEqual([{ n: 1 }]);
    } finally {
      await shop.close();
    }
  });

  test("the app's sequence runs its component after the committer; when it fails, the account stays open", async () => {
    const shop = await openShop({ database: await target.create() });
    try {
      const trace = (await shop.processRequest(deleteBy('email', 'nobody@example.com'), { trace: true })).trace?.map((t) => t.component);
      expect(trace?.slice(3, 5)).toEqual(['UserProfileCommitter', 'AuditTrail']);
      await registerCustomer(shop, 'bob@example.com', home);
      await shop.knex.schema.dropTable(auditTable);
      const fault = await closeAccount(shop, 'bob@example.com').catch((e: unknown) => e);
      expect(fault).toBeInstanceOf(ComponentFault);
      expect((fault as ComponentFault).component).toBe('AuditTrail');
      expect(await shop.knex('user_object').pluck('email_address')).toEqual(['bob@example.com']);
    } finally {
      await shop.close();
    }
  });
});
