import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { tempApp } from '../../support/tempApp.js';
import { startupError } from '../../support/startupError.js';

const prop = (name: string, type = 'string', extra: Record<string, unknown> = {}) => ({ name, type, ...extra });
const definition = (name: string, ...properties: object[]) => ({ name, properties });

async function problemsOf(files: Record<string, unknown>, database: unknown) {
  const app = tempApp(files);
  const error = await startupError({ root: app.root, database: database as never });
  app.remove();
  return error.problems;
}

forEachDatabase((target) => {
  test('the shipped definitions are UserObject, Address, CreditCard, ShippingMethod and Organization, with the documented keys', async () => {
    const { foundation, stop } = await startFoundation(target);
    const defs = foundation.profilesSystem.definitions;
    expect(defs.all().map((d) => d.name).sort()).toEqual(['Address', 'CreditCard', 'Organization', 'ShippingMethod', 'UserObject']);
    const user = defs.get('UserObject');
    expect([...user.primary.keys].sort()).toEqual(['DUAL', 'JOIN', 'PRIMARY', 'UNIQUE']);
    expect(user.primary.name).toBe('GeneralInfo.user_id');
    expect(user.join).toBe(user.primary);
    expect(user.byName.get('GeneralInfo.email_address')?.keys).toEqual(new Set(['UNIQUE']));
    expect(user.listProperties.map((p) => [p.name, p.references])).toEqual([
      ['GeneralInfo.address_list', 'Address'],
      ['GeneralInfo.credit_card_list', 'CreditCard'],
      ['GeneralInfo.shipping_method_list', 'ShippingMethod'],
    ]);
    await stop();
  });

  test('an app file adds a definition, and one of a built-in name replaces it whole', async () => {
    // The replacement keeps what the ShippingMethod model maps (start-up checks that), and changes the rest.
    const { foundation, stop } = await startFoundation(target, {
      files: {
        'config/profiles/WishList.json': definition('WishList', prop('GeneralInfo.id', 'string', { keys: ['DUAL'] })),
        'config/profiles/ShippingMethod.json': definition(
          'ShippingMethod',
          prop('GeneralInfo.shipping_method_id', 'string', { keys: ['DUAL'] }),
          prop('GeneralInfo.carrier'),
          prop('GeneralInfo.name'),
          prop('GeneralInfo.description', 'string', { maxLength: 80 }),
        ),
      },
    });
    const defs = foundation.profilesSystem.definitions;
    expect(defs.get('WishList').primary.name).toBe('GeneralInfo.id');
    const shippingMethod = defs.get('ShippingMethod');
    expect(shippingMethod.properties.map((p) => p.name)).toEqual(['GeneralInfo.shipping_method_id', 'GeneralInfo.carrier', 'GeneralInfo.name', 'GeneralInfo.description']);
    expect(shippingMethod.byName.get('GeneralInfo.description')?.maxLength).toBe(80);
    await stop();
  });

  test('every breach of the key rules is one ConfigurationError naming the definition, file and path', async () => {
    const problems = await problemsOf(
      {
        'config/profiles/NoPrimary.json': definition('NoPrimary', prop('G.a', 'string', { keys: ['JOIN'] })),
        'config/profiles/NoJoin.json': definition('NoJoin', prop('G.a', 'string', { keys: ['PRIMARY'] })),
        'config/profiles/TwoPrimaries.json': definition('TwoPrimaries', prop('G.a', 'string', { keys: ['DUAL'] }), prop('G.b', 'number', { keys: ['PRIMARY'] })),
        'config/profiles/TwoHashing.json': definition(
          'TwoHashing',
          prop('G.a', 'string', { keys: ['DUAL', 'HASHING'] }),
          prop('G.b', 'string', { keys: ['HASHING'] }),
        ),
        'config/profiles/BadKeyTypes.json': definition(
          'BadKeyTypes',
          prop('G.a', 'string', { keys: ['DUAL'] }),
          prop('G.flag', 'boolean', { keys: ['UNIQUE'] }),
          prop('G.when', 'datetime', { keys: ['UNIQUE'] }),
          prop('G.ref', 'profile', { keys: ['UNIQUE'], references: 'Address' }),
        ),
        'config/profiles/BadReference.json': definition('BadReference', prop('G.a', 'string', { keys: ['DUAL'] }), prop('G.x', 'profile', { references: 'Nowhere' })),
        'config/profiles/Misnamed.json': definition('Other', prop('G.a', 'string', { keys: ['DUAL'] })),
        'config/profiles/Broken.json': '{ "name": ',
      },
      await target.create(),
    );
    const messages = problems.map((p) => `${p.file} ${p.path}: ${p.message}`);
    const expectOne = (pattern: RegExp) => expect(messages.filter((m) => pattern.test(m))).toHaveLength(1);
    expectOne(/NoPrimary\.json properties: NoPrimary: exactly one PRIMARY key is required \(DUAL counts\); found 0/);
    expectOne(/NoJoin\.json properties: NoJoin: exactly one JOIN key is required \(DUAL counts\); found 0/);
    expectOne(/TwoPrimaries\.json properties: TwoPrimaries: exactly one PRIMARY key is required \(DUAL counts\); found 2/);
    expectOne(/TwoHashing\.json properties: TwoHashing: at most one HASHING key is allowed; found 2/);
    expectOne(/BadKeyTypes\.json properties\[1\]\.keys: BadKeyTypes: G\.flag is a boolean; only string or number properties can be keys/);
    expectOne(/BadKeyTypes\.json properties\[2\]\.keys: .*G\.when is a datetime/);
    expectOne(/BadKeyTypes\.json properties\[3\]\.keys: .*G\.ref is a profile/);
    expectOne(/BadReference\.json properties\[1\]\.references: BadReference: G\.x references Nowhere, which is no profile definition/);
    expectOne(/Misnamed\.json name: defines Other; the file must be named Other\.json/);
    expectOne(/Broken\.json : is not valid JSON/);
    expect(problems).toHaveLength(10);
  });

  test('a definition that is not of the schema is refused with the path of each mistake', async () => {
    const problems = await problemsOf(
      { 'config/profiles/Odd.json': { name: 'Odd', properties: [{ name: 'nogroup', type: 'text', keys: ['PRIMARY', 'SECONDARY'] }] } },
      await target.create(),
    );
    expect(problems.map((p) => p.path).sort()).toEqual(['properties[0].keys[1]', 'properties[0].name', 'properties[0].type']);
  });
});
