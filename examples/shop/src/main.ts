import { closeAccount, openShop, registerCustomer } from './shop.js';
import { auditTable } from './AuditTrail.js';

const shop = await openShop();
try {
  const email = `customer-${Date.now()}@example.com`;
  await registerCustomer(shop, email, { addressName: 'Home', line1: 'Storgata 1', city: 'Oslo', stateProvinceCode: 'OS', zipPostalCode: '0155', countryRegionCode: 'NO' });
  console.log('closed:', await closeAccount(shop, email));
  console.log('audit trail:', await shop.knex(auditTable).orderBy('id', 'desc').limit(3));
} finally {
  await shop.close();
}
