import { ConfigurationError, defineCommerceModule } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { startFoundation } from '../../support/startFoundation.js';
import { genericSequences, storeDefinition, storeFiles, storeModel } from '../../support/storeModel.js';

const file = 'config/models/Store.json';
type Spec = Record<string, unknown>;

/** The Store model with some properties or relationships replaced (undefined: left out), and other fields. */
function store(properties: Record<string, Spec | undefined> = {}, relationships: Record<string, Spec | undefined> = {}, rest: Spec = {}) {
  return { ...storeModel, ...rest, properties: { ...storeModel.properties, ...properties }, relationships: { ...storeModel.relationships, ...relationships } };
}
const p = (name: keyof typeof storeModel.properties, spec: Spec) => ({ [name]: { ...storeModel.properties[name], ...spec } });

/** Each inconsistency of a model file, with the problems (path, message) it must give in config/models/Store.json. */
const inconsistencies: [string, object, [string, string | RegExp][]][] = [
  ['a property mapped to a profile property that does not exist', store({ nickname: { profile: 'GeneralInfo.nickname' } }), [['properties.nickname', 'Store has no property GeneralInfo.nickname; add it to config/profiles/Store.json']]],
  ['a property whose profile property has another type than `type`', store(p('rating', { type: 'string' })), [['properties.rating', 'GeneralInfo.rating is of type number, not string']]],
  ['a reference to another definition than `references`', store(p('managerId', { references: 'Organization' })), [['properties.managerId', 'GeneralInfo.manager must reference Organization, not UserObject']]],
  ['a list mapped as a property', store({ addressIds: { profile: 'GeneralInfo.address_list' } }), [['properties.addressIds', 'GeneralInfo.address_list is a list: map it as a relationship, not as a property']]],
  ['no id', store({ id: undefined }), [['properties', 'Store must map id to the PRIMARY key of Store']]],
  ['an id on another key than the PRIMARY one', store({ id: { profile: 'GeneralInfo.code' }, code: undefined }), [['properties.id', 'id must map the PRIMARY key of Store, not GeneralInfo.code']]],
  ["a relationship on a reference to another model's definition", store({}, { Addresses: { model: 'Address', profile: 'GeneralInfo.card_list' } }), [['relationships.Addresses.profile', 'GeneralInfo.card_list must reference Address, not CreditCard']]],
  [
    'a relationship on a property that is no reference',
    store({}, { Cards: { model: 'CreditCard', profile: 'GeneralInfo.name' } }),
    [
      ['relationships.Cards.profile', 'GeneralInfo.name is of type string, not profile'],
      ['relationships.Cards.profile', 'GeneralInfo.name is single-valued: a list relationship needs a multi-valued reference'],
    ],
  ],
  ['a single relationship on a list', store({}, { PreferredAddress: { model: 'Address', profile: 'GeneralInfo.address_list', single: true } }), [['relationships.PreferredAddress.profile', /^GeneralInfo\.address_list is a list: /]]],
  ['a list relationship on a single reference', store({}, { Addresses: { model: 'Address', profile: 'GeneralInfo.preferred_address' } }), [['relationships.Addresses.profile', /^GeneralInfo\.preferred_address is single-valued: /]]],
  ['an unknown related model', store({}, { Shelves: { model: 'Shelf', profile: 'GeneralInfo.card_list' } }), [['relationships.Shelves.model', /^Shelf is no model; known: .*Address/]]],
  ['oneOf naming no list of the same model', store({}, { PreferredAddress: { ...storeModel.relationships.PreferredAddress, oneOf: 'Cards' } }), [['relationships.PreferredAddress.oneOf', 'a single relationship can be one of a list relationship of Store holding Address']]],
  [
    'a default that breaks its own constraints',
    store({ ...p('status', { default: 'Gone' }), ...p('name', { default: 'Q' }) }),
    [
      ['properties.name.default', "breaks the property's own constraints"],
      ['properties.status.default', "breaks the property's own constraints"],
    ],
  ],
  [
    'constraints the type cannot take',
    store({ ...p('rating', { maxLength: 3, pattern: 'x' }), ...p('name', { minimum: 1, integer: true }) }),
    [
      ['properties.name.integer', 'applies to numbers; GeneralInfo.name is of type string'],
      ['properties.name.minimum', 'applies to numbers; GeneralInfo.name is of type string'],
      ['properties.rating.maxLength', 'applies to strings; GeneralInfo.rating is of type number'],
      ['properties.rating.pattern', 'applies to strings; GeneralInfo.rating is of type number'],
    ],
  ],
  ["a maxLength above the definition's", store(p('name', { maxLength: 129 })), [['properties.name.maxLength', "is above GeneralInfo.name's own maxLength, 128"]]],
  [
    'bounds the wrong way round',
    store({ ...p('name', { minLength: 50 }), ...p('rating', { minimum: 6 }) }),
    [
      ['properties.name.minLength', 'is above maxLength'],
      ['properties.rating.minimum', 'is above maximum'],
    ],
  ],
  ['an enum value of another type', store(p('status', { enum: ['Open', 3], default: undefined })), [['properties.status.enum[1]', 'is no string']]],
  ['an invalid pattern', store(p('code', { pattern: '[A-Z' })), [['properties.code.pattern', 'is no regular expression']]],
  ['lastFourDigits without sensitive', store(p('email', { lastFourDigits: 'code' })), [['properties.email.lastFourDigits', 'goes with "sensitive": "cardNumber"']]],
  ['sensitive without lastFourDigits', store(p('email', { sensitive: 'cardNumber', format: undefined })), [['properties.email.sensitive', /^a card number needs "lastFourDigits"/]]],
  ['a profile naming no definition', store({}, {}, { profile: 'Shop' }), [['profile', /^Shop is no profile definition; known: .*Store/]]],
];

const shopModule = defineCommerceModule({ name: 'shop', profileDefinitions: [storeDefinition as never], models: [storeModel as never] });

forEachDatabase((target) => {
  async function problemsOf(files: Record<string, unknown>, options: { modules?: unknown[] } = {}) {
    const error = await startFoundation(target, { files, ...(options as object) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems.map((problem) => [problem.file, problem.path, problem.message]);
  }

  test.each(inconsistencies)('%s stops start-up with a ConfigurationError naming the file and the path', async (_, model, expected) => {
    // Only the model file's: a model that cannot be compiled leaves its sequences' steps a problem each, too.
    const problems = (await problemsOf(storeFiles({}, model))).filter(([at]) => at === file);
    expect(problems).toEqual(expected.map(([path, message]) => [file, path, message instanceof RegExp ? expect.stringMatching(message) : message]));
  });

  test('a step configured with a relationship the model does not have', async () => {
    const sequences = genericSequences('Store', ['Addresses', 'Nope']);
    const problems = await problemsOf(storeFiles(sequences));
    const nope = 'Store has no relationship Nope; it has Addresses, PreferredAddress, Cards';
    expect(problems).toEqual(
      expect.arrayContaining([
        ['sequences/CommerceUpdateOperation_Store.json', 'components[1].configuration', expect.stringContaining(nope)],
        ['sequences/CommerceQueryOperation_Store.json', 'components[2].configuration', expect.stringContaining(nope)],
      ]),
    );
  });

  test('an extension file (no profile) for a model nobody declares', async () => {
    const problems = await problemsOf(storeFiles({ 'config/models/Basket.json': { properties: { note: 'GeneralInfo.name' } } }));
    expect(problems).toEqual([['config/models/Basket.json', '', expect.stringMatching(/^Basket is no model; to declare one, name its profile definition in "profile" \(declared models: .*Store/)]]);
  });

  test('two declarations of one model: a module and an app file, or an app file named otherwise', async () => {
    const { 'config/profiles/Store.json': _, ...appFiles } = storeFiles();
    expect(await problemsOf(appFiles, { modules: [shopModule] })).toEqual([[file, 'name', 'Store is declared twice: by module shop (module shop: models[0]) and by config/models/Store.json']]);
    expect(await problemsOf(storeFiles({ 'config/models/Shop.json': storeModel }))).toEqual([['config/models/Shop.json', 'name', 'declares Store; the file must be named Store.json']]);
  });
});
