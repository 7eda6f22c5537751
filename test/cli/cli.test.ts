import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';
import { commerce } from '../support/commerceCli.js';
import { tempApp, type TempApp } from '../support/tempApp.js';

describe('the commerce command line', () => {
  let app: TempApp;
  beforeEach(() => {
    app = tempApp();
  });
  afterEach(() => app.remove());
  const inApp = (...args: string[]) => commerce([...args, '--root', app.root]);

  test('init writes the config, the shipped sequences and the definitions; validate then says ok (exit 0)', async () => {
    const init = await inApp('init');
    expect(init.code).toBe(0);
    for (const file of ['config/commerce.json', 'sequences/CommerceDeleteOperation_UserProfile.json', 'config/profiles/UserObject.json']) {
      expect(existsSync(join(app.root, file))).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(app.root, 'config/commerce.json'), 'utf8'));
    expect(config.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
    const sequence = JSON.parse(readFileSync(join(app.root, 'sequences/CommerceDeleteOperation_UserProfile.json'), 'utf8'));
    expect(sequence.$schema).toBe('../node_modules/commerce-foundation/schemas/sequence.schema.json');
    expect(await inApp('validate')).toEqual({ code: 0, out: 'ok', err: '' });
    const again = await inApp('init');
    expect(again.out).toMatch(/kept +config\/commerce\.json \(exists; --force to replace\)/);
    expect(again.out).toMatch(/unchanged +sequences\/CommerceDeleteOperation_UserProfile\.json \(exists, the same\)/);
    expect(again.out).not.toMatch(/encryption key/);
    expect(JSON.parse(readFileSync(join(app.root, 'config/commerce.json'), 'utf8')).encryptionKey).toBe(config.encryptionKey);
    const forced = await inApp('init', '--force');
    expect(forced.out).toMatch(/replaced +config\/commerce\.json \(--force\)/);
    expect(forced.out).toMatch(/new encryption key: card numbers stored under the one it replaced can no longer be read/);
  });

  test('add-model writes a model, its definition and four sequences; validate says ok, migrate makes its table, a request works at once', async () => {
    const added = await inApp('add-model', 'WishList');
    expect(added.code).toBe(0);
    for (const file of ['config/models/WishList.json', 'config/profiles/WishList.json', 'sequences/CommerceCreateOperation_WishList.json', 'sequences/CommerceDeleteOperation_WishList.json']) {
      expect(added.out).toContain(`wrote     ${file}`);
    }
    expect(await inApp('validate')).toEqual({ code: 0, out: 'ok', err: '' });
    expect((await inApp('migrate')).out).toMatch(/^ {2}wish_list$/m);
    const create = { operations: [{ operation: 'CommerceCreate', modelName: 'WishList', model: { id: 'w1', name: 'Birthday' } }] };
    const created = await commerce(['request', '-', '--root', app.root], JSON.stringify(create));
    expect(JSON.parse(created.out)).toMatchObject({ operationResponses: [{ commerceEntity: { modelName: 'WishList', id: 'w1', name: 'Birthday' } }] });
    const missing = { operations: [{ operation: 'CommerceCreate', modelName: 'WishList', model: { id: 'w2' } }] };
    expect(await commerce(['request', '-', '--root', app.root], JSON.stringify(missing))).toMatchObject({ code: 1, err: expect.stringContaining('model.name: name is required') });
    app.write('config/models/WishList.json', { name: 'WishList', profile: 'WishList', properties: { id: 'GeneralInfo.wish_list_id', name: 'GeneralInfo.name' } });
    expect((await inApp('add-model', 'WishList')).out).toContain('kept      config/models/WishList.json (exists; --force to replace)');
    expect((await inApp('add-model', 'wish-list')).code).toBe(2);
  });

  test('validate on a broken sequence exits 1 and names the file, the path and the problem', async () => {
    app.write('sequences/CommerceDeleteOperation_UserProfile.json', { components: [{ name: 'UserProfileLoadr' }] });
    app.write('sequences/CommerceQueryOperation_UserProfile.json', '{ not json');
    const run = await inApp('validate');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/sequences\/CommerceDeleteOperation_UserProfile\.json at components\[0\]\.name: unknown component "UserProfileLoadr"\. Did you mean UserProfileLoader\?/);
    expect(run.err).toMatch(/sequences\/CommerceQueryOperation_UserProfile\.json: is not valid JSON/);
    expect(run.err).toMatch(/^2 problems:/);
  });

  test('sequences shows each handler, where its file came from, and its components in order, after a reorder too', async () => {
    const shipped = await inApp('sequences', 'CommerceDeleteOperation_UserProfile');
    expect(shipped.code).toBe(0);
    expect(shipped.out).toMatch(/CommerceDeleteOperation_UserProfile {2}\(module userprofile, transactional, timeout 120 s: commerce-foundation\/modules\/userprofile\/sequences\/CommerceDeleteOperation_UserProfile\.json\)/);
    expect(shipped.out).toMatch(/ 1\. UserProfileLoader +← package \(module userprofile\)\n +2\. UserProfileAddressesProcessor +← package \(module userprofile\)\n +3\. UserProfileCreditCardsProcessor +← package \(module userprofile\)\n +4\. UserProfileCommitter +← package/);

    app.write('sequences/CommerceDeleteOperation_UserProfile.json', {
      components: [{ name: 'UserProfileLoader' }, { name: 'UserProfileCreditCardsProcessor' }, { name: 'UserProfileAddressesProcessor' }, { name: 'UserProfileCommitter' }, { name: 'UserProfileResponseBuilder', enabled: false }],
    });
    const reordered = await inApp('sequences', 'CommerceDeleteOperation_UserProfile');
    expect(reordered.out).toMatch(/\(app, transactional, timeout 120 s: sequences\/CommerceDeleteOperation_UserProfile\.json\)/);
    expect(reordered.out).toMatch(/ 2\. UserProfileCreditCardsProcessor +← app sequences\/CommerceDeleteOperation_UserProfile\.json\n +3\. UserProfileAddressesProcessor +← app [^\n]+\n +4\. UserProfileCommitter +← app [^\n]+\n +- +UserProfileResponseBuilder +← app [^\n]+ +\(disabled\)/);
    const all = await inApp('sequences');
    expect(all.out.match(/^Commerce\w+Operation_UserProfile/gm)).toHaveLength(4);
    expect((await inApp('sequences', 'CommerceDeleteOperation_Basket')).code).toBe(1);
    const misspelt = await inApp('sequences', 'CommerceDeleteOperation_UserProfle');
    expect([misspelt.code, misspelt.out]).toEqual([1, '']);
    expect(misspelt.err).toMatch(/^no sequence for CommerceDeleteOperation_UserProfle\. Did you mean CommerceDeleteOperation_UserProfile\? There are: /);
  });

  test('sequences shows who put each step there, patched sequences and channels (--channel); validate checks every channel', async () => {
    const del = 'CommerceDeleteOperation_UserProfile';
    app.write('config/commerce.json', { channels: ['wholesale'] });
    app.write(`sequences/${del}.patch.json`, { patches: [{ remove: 'UserProfileShippingMethodsResponseBuilder' }] });
    app.write(`sequences/wholesale/${del}.patch.json`, { patches: [{ add: { name: 'UserProfileShippingMethodsResponseBuilder' }, after: 'UserProfileCommitter' }] });

    const plain = await inApp('sequences', del);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(new RegExp(`^${del} {2}\\(module userprofile, transactional, timeout 120 s: \\S+; patched by patch sequences/${del}\\.patch\\.json\\)`));
    expect(plain.out).not.toContain('UserProfileShippingMethodsResponseBuilder');

    const wholesale = await inApp('sequences', del, '--channel', 'wholesale');
    expect(wholesale.code).toBe(0);
    expect(wholesale.out).toMatch(new RegExp(`^${del} {2}\\(channel wholesale, module userprofile, `));
    expect(wholesale.out).toMatch(new RegExp(` 4\\. UserProfileCommitter +← package \\(module userprofile\\)\\n +5\\. UserProfileShippingMethodsResponseBuilder +← patch sequences/wholesale/${del}\\.patch\\.json\\n`));

    const undeclared = await inApp('sequences', '--channel', 'wholesal');
    expect([undeclared.code, undeclared.out]).toEqual([1, '']);
    expect(undeclared.err).toMatch(/^no channel wholesal is declared in config\/commerce\.json → channels\. Did you mean wholesale\? Declared: wholesale/);

    expect((await inApp('validate')).out).toBe('ok');
    app.write(`sequences/wholesale/${del}.patch.json`, { patches: [{ remove: 'UserProfileLoadr' }] });
    const invalid = await inApp('validate');
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(new RegExp(`sequences/wholesale/${del}\\.patch\\.json at patches\\[0\\]\\.remove: ${del} \\(channel wholesale\\) has no step "UserProfileLoadr"\\. Did you mean UserProfileLoader\\?`));
  });

  test('request runs JSON from a file or standard input and prints the response as JSON; a fault exits 1', async () => {
    await inApp('init');
    app.write('create.json', {
      operations: [
        { operation: 'CommerceCreate', modelName: 'UserProfile', model: { id: 'u1', email: 'ann@example.com' } },
        { operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: { email: 'ann@example.com' } } },
      ],
    });
    const created = await inApp('request', join(app.root, 'create.json'));
    expect(created.code).toBe(0);
    const response = JSON.parse(created.out);
    expect(response.operationResponses[0].commerceEntity).toMatchObject({ id: 'u1', email: 'ann@example.com', accountStatus: 1 });
    expect(response.operationResponses[1].commerceEntities[0].id).toBe('u1');

    const filter = { all: [{ property: 'email', op: 'startsWith', value: 'ann@' }, { not: { property: 'lastName', op: 'isNull', value: false } }] };
    const search = JSON.stringify({ operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { filter, returnTotalItemCount: true } }] });
    expect(JSON.parse((await commerce(['request', '-', '--root', app.root], search)).out).operationResponses[0]).toEqual({ commerceEntities: [expect.objectContaining({ id: 'u1' })], totalItemCount: 1 });
    const unsearchable = JSON.stringify({ operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { filter: { property: 'telephone', op: 'eq', value: '1' } } }] });
    expect((await commerce(['request', '-', '--root', app.root], unsearchable)).err).toMatch(/^ValidationFault: the request is not valid\n {2}searchCriteria\.filter\.property: telephone is not searchable/);

    const query = JSON.stringify({ operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: { id: 'u1' } } }] });
    const onTerminal = await commerce(['request', '-', '--trace', '--root', app.root], query, true);
    const [json, tables] = onTerminal.out.split('\n\n1. ');
    expect(JSON.parse(json ?? '')).toEqual({ operationResponses: [{ commerceEntities: [expect.objectContaining({ id: 'u1' })] }] });
    expect(tables).toMatch(/^CommerceQueryOperation_UserProfile\n +component +ms +SQL\n.*\n +UserProfileLoader +\d+\.\d +\d+\n[\s\S]*\n +total +\d+\.\d +\d+$/);

    const del = JSON.stringify({ operations: [{ operation: 'CommerceDelete', modelName: 'UserProfile', searchCriteria: { model: { email: 'ann@example.com' } } }] });
    const deleted = await commerce(['request', '-', '--trace', '--root', app.root], del);
    expect(JSON.parse(deleted.out).operationResponses[0].count).toBe(1);
    expect(JSON.parse(deleted.out).trace[0].component).toBe('UserProfileLoader');

    const both = JSON.stringify({ operations: [{ operation: 'CommerceDelete', modelName: 'UserProfile', searchCriteria: { model: { id: 'u1', email: 'x@example.com' } } }] });
    const fault = await commerce(['request', '-', '--root', app.root], both);
    expect(fault.code).toBe(1);
    expect(fault.err).toBe('ValidationFault: the request is not valid\n  searchCriteria.model: give id or email, not both');
    expect(fault.out).toBe('');

    const missing = await commerce(['request', '-', '--root', app.root], JSON.stringify({ operations: [{ operation: 'CommerceUpdate', modelName: 'UserProfile', searchCriteria: { model: { id: 'ghost' } }, model: { firstName: 'X' } }] }));
    expect([missing.code, missing.err]).toEqual([1, 'ItemDoesNotExistFault: No UserProfile has the id given']);
  });

  test('migrate creates the tables, then finds them up to date', async () => {
    const first = await inApp('migrate');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/created in .*data\/commerce\.sqlite:\n/);
    expect(first.out.split('\n').slice(1).map((l) => l.trim())).toEqual(expect.arrayContaining(['user_object', 'user_object_address_list', 'blocked_users']));
    expect((await inApp('migrate')).out).toMatch(/up to date/);
  });

  test('demo runs the walk on a throw-away SQLite database and prints each operation with its steps and results', async () => {
    const run = await inApp('demo');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/1\. CommerceCreate UserProfile: Create Ann/);
    expect(run.out).toMatch(/component +ms +SQL\n.*\n +UserProfileLoader +\d+\.\d +0/);
    expect(run.out).toMatch(/CommerceDelete UserProfile: Delete a user that does not exist[\s\S]*→ deleted: 0/);
    expect(run.out).toMatch(/Left in the store: users bob, cid; addresses bob-boat, cid-flat, home, office; cards master, visa/);
    const database = /SQLite at (\S+)/.exec(run.out)?.[1] ?? '';
    expect(existsSync(database)).toBe(false);
    expect(existsSync(join(app.root, 'data'))).toBe(false);
    expect((await inApp('demo')).code).toBe(0);
  });

  test('--help lists the commands; a usage mistake exits 2 with a hint', async () => {
    const help = await commerce(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['demo', 'init', 'sequences', 'validate', 'migrate', 'request']) expect(help.out).toContain(command);
    const unknown = await commerce(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command 'deploy'/);
    expect((await commerce(['request'])).code).toBe(2);
    const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await commerce(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  test("each command's --help shows --root, the root and the database it would use, resolved without connecting", async () => {
    for (const command of ['demo', 'init', 'sequences', 'validate', 'migrate', 'request']) {
      const help = await inApp(command, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toMatch(/--root <dir>/);
      expect(help.out).toContain(`Root:      ${app.root}\nDatabase:  SQLite at ${join(app.root, 'data/commerce.sqlite')}  (the default)`);
    }
    app.write('config/commerce.json', { database: 'mysql://shop:secret@db.example.com:3306/shop' });
    expect((await inApp('migrate', '--help')).out).toContain('Database:  MySQL/MariaDB at mysql://db.example.com:3306/shop  (from config/commerce.json)');
    process.env['COMMERCE_DATABASE_URL'] = 'sqlite:other.sqlite';
    try {
      expect((await inApp('request', '--help')).out).toContain(`Database:  SQLite at ${join(app.root, 'other.sqlite')}  (from COMMERCE_DATABASE_URL)`);
    } finally {
      delete process.env['COMMERCE_DATABASE_URL'];
    }
    expect((await commerce(['--help'])).out).toMatch(/Exit codes: 0 done; 1 configuration problems, a fault or an error; 2 a usage error/);
  });
});
