import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommerceDelete, CommerceQuery, CommerceQueryRelatedItem, createCommerceFoundation, defineCommerceModule, type CommerceFoundation } from '../../src/index.js';
import type { BenchDatabase } from './benchDatabases.js';
import { seedNeighbour, seedUser } from './fixtures.js';
import { compare, comparePaired, type MeasureOptions } from './measure.js';
import type { NamedComparison } from './userProfileOps.js';

/**
 * Member: a model declared in data only, shaped as UserProfile is (an email key, addresses and cards that go with it
 * when nothing else uses them), run by the generic components under their own names.
 */
const memberModule = defineCommerceModule({
  name: 'bench-member',
  profileDefinitions: [
    {
      name: 'Member',
      properties: [
        { name: 'GeneralInfo.member_id', type: 'string', keys: ['DUAL'], maxLength: 64 },
        { name: 'GeneralInfo.email_address', type: 'string', keys: ['UNIQUE'], required: true, maxLength: 64 },
        { name: 'GeneralInfo.first_name', type: 'string', maxLength: 256 },
        { name: 'GeneralInfo.address_list', type: 'profile', references: 'Address', multiValued: true },
        { name: 'GeneralInfo.credit_card_list', type: 'profile', references: 'CreditCard', multiValued: true },
      ],
    },
  ],
  models: [
    {
      name: 'Member',
      profile: 'Member',
      properties: { id: 'GeneralInfo.member_id', email: 'GeneralInfo.email_address', firstName: 'GeneralInfo.first_name' },
      relationships: {
        Addresses: { model: 'Address', profile: 'GeneralInfo.address_list', deleteWhenUnused: true },
        CreditCards: { model: 'CreditCard', profile: 'GeneralInfo.credit_card_list', deleteWhenUnused: true },
      },
    },
  ],
  sequences: {
    CommerceDeleteOperation_Member: {
      components: [
        { name: 'ModelLoader' },
        { name: 'RelatedItemsProcessor', configuration: { relationships: ['Addresses'] } },
        { name: 'RelatedItemsProcessor', configuration: { relationships: ['CreditCards'] } },
        { name: 'ModelCommitter' },
        { name: 'ModelResponseBuilder' },
        { name: 'RelatedItemsResponseBuilder', configuration: { relationships: ['Addresses', 'CreditCards'] } },
      ],
    },
    CommerceQueryOperation_Member: {
      components: [{ name: 'ModelLoader' }, { name: 'ModelResponseBuilder' }, { name: 'RelatedItemsResponseBuilder', configuration: { relationships: ['Addresses', 'CreditCards'] } }],
    },
  },
});

/** A member shaped as seedUser's user: 3 addresses (one shared with the neighbour) and 2 cards billed to its first own address. */
async function seedMember(foundation: CommerceFoundation): Promise<string> {
  const email = await seedUser(foundation);
  const user = await foundation.profiles.getProfile('GeneralInfo.email_address', email, 'UserObject');
  if (!user) throw new Error('no seeded user');
  const member = foundation.profiles
    .newProfile(`m-${String(user.primaryKey)}`, 'Member')
    .set('GeneralInfo.email_address', `m-${email}`)
    .set('GeneralInfo.first_name', 'Bench')
    .set('GeneralInfo.address_list', user.get('GeneralInfo.address_list'))
    .set('GeneralInfo.credit_card_list', user.get('GeneralInfo.credit_card_list'));
  // The user lets go of its items, so that the member alone holds them, as the user alone did.
  user.set('GeneralInfo.address_list', []).set('GeneralInfo.credit_card_list', []);
  await foundation.profiles.saveProfiles([member, user]);
  return `m-${email}`;
}

const operation = <O extends CommerceDelete | CommerceQuery>(op: O, email: string, related: boolean): O => {
  (op.searchCriteria.model as Record<string, unknown>)['email'] = email;
  if (related) op.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'), new CommerceQueryRelatedItem('CreditCards'));
  return op;
};

/**
 * Delete and cold Query of Member, a model declared in data, against the same of UserProfile, on the same data,
 * alternated operation by operation (comparePaired): the two do nearly the same work.
 */
export async function dataModelBench(database: BenchDatabase, options: MeasureOptions): Promise<NamedComparison[]> {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-member-'));
  const foundation = await createCommerceFoundation({ root, database: database.config, modules: [memberModule] });
  try {
    await seedNeighbour(foundation);
    let member = '';
    let user = '';
    const freshMember = { beforeEach: async () => void (member = await seedMember(foundation)) };
    const freshUser = { beforeEach: async () => void (user = await seedUser(foundation)) };
    const deletion = await compare(
      { run: () => foundation.processRequest(operation(new CommerceDelete('Member'), member, false)), options: freshMember },
      { run: () => foundation.processRequest(operation(new CommerceDelete('UserProfile'), user, false)), options: freshUser },
      options,
      comparePaired,
    );
    const queriedMember = await seedMember(foundation);
    const queriedUser = await seedUser(foundation);
    const cold = { beforeEach: () => foundation.profileManagement.refreshProfileCache() };
    const query = await compare(
      { run: () => foundation.processRequest(operation(new CommerceQuery('Member'), queriedMember, true)), options: cold },
      { run: () => foundation.processRequest(operation(new CommerceQuery('UserProfile'), queriedUser, true)), options: cold },
      options,
      comparePaired,
    );
    return [
      { name: 'Delete (3 addresses, 1 shared; 2 cards)', ...deletion },
      { name: 'Query by email + addresses + cards, cold cache', ...query },
    ];
  } finally {
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
