import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkConfiguration,
  CommerceCreate,
  createCommerceFoundation,
  ValidationFault,
  type ProfileDefinition,
  type UserProfile,
} from '../../../src/index.js';
import { packageRoot } from '../../../src/config/packageRoot.js';
import { tempApp } from '../../support/tempApp.js';
import { startupError } from '../../support/startupError.js';

const shipped = (name: string): ProfileDefinition => JSON.parse(readFileSync(join(packageRoot, `modules/userprofile/config/profiles/${name}.json`), 'utf8'));

/** A shipped definition with some properties left out and others changed. */
function replaced(name: string, without: string[], changes: Record<string, object> = {}): ProfileDefinition {
  const definition = shipped(name);
  const properties = definition.properties.filter((p) => !without.includes(p.name)).map((p) => ({ ...p, ...changes[p.name] }));
  return { ...definition, properties };
}

test('a replaced definition that lacks, or retypes, a property a built-in model maps stops start-up and `commerce validate`', async () => {
  const app = tempApp({
    'config/profiles/UserObject.json': replaced('UserObject', ['GeneralInfo.email_address'], {
      'GeneralInfo.user_id': { type: 'number', maxLength: undefined },
      'GeneralInfo.address_list': { references: 'ShippingMethod' },
    }),
    'config/profiles/Address.json': replaced('Address', ['GeneralInfo.city']),
    'config/profiles/CreditCard.json': replaced('CreditCard', [], { 'GeneralInfo.billing_address': { references: 'ShippingMethod' }, 'GeneralInfo.expiration_year': { type: 'string' } }),
    'config/profiles/ShippingMethod.json': replaced('ShippingMethod', [], { 'GeneralInfo.name': { type: 'boolean', maxLength: undefined } }),
  });
  // Problems come sorted by file and path.
  const expected = [
    ['config/profiles/Address.json', 'properties', 'Address: Address.city maps GeneralInfo.city, which is missing; add it back'],
    ['config/profiles/CreditCard.json', 'properties[4].type', 'CreditCard: CreditCard.expirationYear maps GeneralInfo.expiration_year, which must be of type number, not string'],
    ['config/profiles/CreditCard.json', 'properties[5].references', 'CreditCard: CreditCard.billingAddressId maps GeneralInfo.billing_address, which must reference Address'],
    ['config/profiles/ShippingMethod.json', 'properties[1].type', 'ShippingMethod: ShippingMethod.name maps GeneralInfo.name, which must be of type string, not boolean'],
    ['config/profiles/UserObject.json', 'properties', 'UserObject: UserProfile.email maps GeneralInfo.email_address, which is missing; add it back'],
    ['config/profiles/UserObject.json', 'properties[0].type', 'UserObject: UserProfile.id maps GeneralInfo.user_id, which must be of type string, not number'],
    ['config/profiles/UserObject.json', 'properties[7].references', 'UserObject: UserProfile.Addresses maps GeneralInfo.address_list, which must reference Address'],
  ];
  const started = await startupError({ root: app.root, database: { client: 'sqlite', filename: ':memory:' } });
  expect(started.problems.map((p) => [p.file, p.path, p.message])).toEqual(expected);
  expect((await checkConfiguration({ root: app.root })).map((p) => [p.file, p.path, p.message])).toEqual(expected);
  app.remove();
});

test('the shipped definitions, and a replacement that keeps what the models map, start', async () => {
  const app = tempApp({ 'config/profiles/UserObject.json': replaced('UserObject', [], { 'GeneralInfo.first_name': { maxLength: 40 } }) });
  expect(await checkConfiguration({ root: app.root })).toEqual([]);
  app.remove();
});

test("a replacement stricter than the model: a request's faults name the model's property, not the definition's", async () => {
  const strict = replaced('UserObject', [], { 'GeneralInfo.first_name': { maxLength: 5 }, 'GeneralInfo.last_name': { required: true } });
  const app = tempApp({ 'config/profiles/UserObject.json': strict });
  const foundation = await createCommerceFoundation({ root: app.root, database: { client: 'sqlite', filename: ':memory:' } });
  const create = new CommerceCreate<UserProfile>('UserProfile');
  const errorsOf = async (model: Partial<UserProfile>) => {
    create.model = model;
    return ((await foundation.processRequest(create).catch((e: unknown) => e)) as ValidationFault).validationErrors;
  };
  try {
    expect(await errorsOf({ email: 'ann@example.com', firstName: 'Annabel', lastName: 'Lee' })).toEqual([{ property: 'model.firstName', errorMessage: 'is longer than 5 characters' }]);
    expect(await errorsOf({ email: 'ann@example.com', firstName: 'Ann' })).toEqual([{ property: 'model.lastName', errorMessage: 'is required' }]);
  } finally {
    await foundation.close();
    app.remove();
  }
});
