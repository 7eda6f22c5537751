import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ComponentFault } from '../../src/index.js';
import { runCli } from '../../src/cli/program.js';
import { auditTable } from '../../examples/shop/src/AuditTrail.js';
import { closeAccount, openShop, registerCustomer, shopRoot } from '../../examples/shop/src/shop.js';
import { deleteBy } from '../support/userProfiles.js';
import { forEachDatabase } from '../support/databases.js';

const home = { addressName: 'Home', line1: 'Storgata 1', city: 'Oslo', stateProvinceCode: 'OS', zipPostalCode: '0155', countryRegionCode: 'NO' };

/**
 * `npm run build` in the shop, file by file (the repository's type check covers its types), as ES modules (what
 * NodeNext makes of them under its package.json): dist/, as its config expects.
 */
function buildShop(): void {
  const { config } = ts.readConfigFile(join(shopRoot, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, shopRoot);
  const dist = join(shopRoot, 'dist');
  mkdirSync(dist, { recursive: true });
  for (const file of readdirSync(join(shopRoot, 'src')).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(shopRoot, 'src', file), 'utf8'), { compilerOptions: { ...options, module: ts.ModuleKind.ES2022 }, fileName: file });
    writeFileSync(join(dist, file.replace(/\.ts$/, '.js')), outputText);
  }
}

beforeAll(buildShop);

test('the shop passes its own commerce validate: its config names its components module', async () => {
  const out: string[] = [];
  const io = { out: (text: string) => void out.push(text), err: (text: string) => void out.push(text), readStdin: () => Promise.resolve(''), isTTY: false };
  expect(await runCli(['validate', '--root', shopRoot], io)).toBe(0);
  expect(out).toEqual(['ok']);
});

/** The example app in examples/shop, run as its README says, on each database. */
forEachDatabase((target) => {
  test('closing an account deletes the customer and writes the audit trail in the same transaction', async () => {
    const shop = await openShop({ database: await target.create() });
    try {
      expect(shop.migration?.created).toContain(auditTable);
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

  test('the audit table is made by the component at start-up, once: a restart keeps its rows', async () => {
    const database = await target.create();
    const first = await openShop({ database });
    await registerCustomer(first, 'ann@example.com', home);
    await closeAccount(first, 'ann@example.com');
    await first.close();
    const again = await openShop({ database });
    try {
      expect(again.migration?.created).toEqual([]);
      expect(await again.knex(auditTable).count({ n: '*' })).toEqual([{ n: 1 }]);
    } finally {
      await again.close();
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
