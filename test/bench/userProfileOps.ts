import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CommerceCreate,
  CommerceCreateRelatedItem,
  CommerceDelete,
  CommerceQuery,
  CommerceQueryRelatedItem,
  createCommerceFoundation,
  type Address,
  type CommerceFoundation,
  type CreditCard,
  type UserProfile,
} from '../../src/index.js';
import type { BenchDatabase } from './benchDatabases.js';
import { drizzleMysqlPeer, drizzleSqlitePeer } from './drizzlePeer.js';
import { seedNeighbour, seedUser } from './fixtures.js';
import { knexPeer } from './handWritten.js';
import { compareAll, type Comparison, type MeasureOptions, type Side } from './measure.js';
import { benchEncryptionKey, newUserInput, type NewUser, type UserProfilePeer } from './peerWork.js';
import { rawMysqlPeer, rawSqlitePeer } from './rawDriver.js';

export interface NamedComparison extends Comparison {
  readonly name: string;
}

/** The four sides of section 2, in the order of its tables. */
export const sideNames = ['framework', 'raw driver', 'Drizzle', 'hand-written knex'] as const;
export type SideName = (typeof sideNames)[number];

export type OperationKey = 'create' | 'cold' | 'warm' | 'delete';

export interface OperationRow {
  readonly key: OperationKey;
  readonly name: string;
  /** Milliseconds per operation, per side. */
  readonly ms: Readonly<Record<SideName, number>>;
}

/** Users in the table while the operations run (each with 3 addresses, one shared by all, and 2 cards). */
const seededUsers = 300;

const related = <T extends object>(name: string, model: Partial<T>) => {
  const op = new CommerceCreateRelatedItem<T>(name);
  op.model = model;
  return op;
};

export function createOf(input: NewUser): CommerceCreate<UserProfile> {
  const op = new CommerceCreate<UserProfile>('UserProfile');
  op.model = { id: input.id, email: input.email, firstName: input.firstName };
  for (const address of input.addresses) op.relatedOperations.push(related<Address>('Addresses', address));
  op.relatedOperations.push(related<Address>('Addresses', { id: input.existingAddressId }));
  for (const card of input.cards) op.relatedOperations.push(related<CreditCard>('CreditCards', card));
  return op;
}

const withItems = <O extends CommerceQuery<UserProfile> | CommerceDelete<UserProfile>>(op: O, email: string): O => {
  op.searchCriteria.model.email = email;
  op.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'), new CommerceQueryRelatedItem('CreditCards'));
  return op;
};

/** The framework's shipped UserProfile sequences, as one more side. */
function frameworkSide(foundation: CommerceFoundation): UserProfilePeer {
  return {
    name: 'framework',
    create: async (input) => (await foundation.processRequest(createOf(input))).operationResponses[0].commerceEntity,
    query: async (email) => (await foundation.processRequest(withItems(new CommerceQuery<UserProfile>('UserProfile'), email))).operationResponses[0].commerceEntities,
    delete: async (email) => {
      const { count, commerceEntities } = (await foundation.processRequest(withItems(new CommerceDelete<UserProfile>('UserProfile'), email))).operationResponses[0];
      return { count, commerceEntities };
    },
    close: () => Promise.resolve(),
  };
}

function peersOn(database: BenchDatabase, foundation: CommerceFoundation): UserProfilePeer[] {
  const { driver } = database;
  return driver.kind === 'sqlite'
    ? [frameworkSide(foundation), rawSqlitePeer(driver.filename), drizzleSqlitePeer(driver.filename), knexPeer(foundation.knex)]
    : [frameworkSide(foundation), rawMysqlPeer(driver.url), drizzleMysqlPeer(driver.url), knexPeer(foundation.knex)];
}

interface Shape {
  id: unknown;
  addresses: unknown[];
  cards: unknown[];
}

/** What every side must answer alike: the user, its addresses by id and city, its cards by id, mask and billing address. */
function shapeOf(entity: unknown): Shape {
  const e = entity as { id: unknown; addresses?: { id: unknown; city: unknown }[]; creditCards?: { id: unknown; creditCardNumber: unknown; billingAddressId: unknown }[] };
  return {
    id: e.id,
    addresses: (e.addresses ?? []).map((a) => [a.id, a.city]),
    cards: (e.creditCards ?? []).map((c) => [c.id, c.creditCardNumber, c.billingAddressId]),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Before measuring: every side creates, reads and deletes alike, seals card numbers, and leaves only the shared address. */
async function checkSidesAgree(foundation: CommerceFoundation, sides: readonly UserProfilePeer[]): Promise<void> {
  const { knex } = foundation;
  for (const side of sides) {
    const input = newUserInput('check');
    const relabel = (shape: Shape) => JSON.stringify(shape).replaceAll(input.id, 'ID');
    const created = shapeOf(await side.create(input));
    await foundation.profileManagement.refreshProfileCache();
    const [queried] = await side.query(input.email);
    const sealed = await knex<{ cc_number: string }, { cc_number: string }[]>('credit_card').whereIn('id', input.cards.map((c) => c.id)).select('cc_number');
    if (sealed.length !== 2 || !sealed.every((c) => c.cc_number.startsWith('v1:') && !c.cc_number.includes('1111'))) throw new Error(`${side.name}: card numbers are not sealed`);
    const deleted = await side.delete(input.email);
    const expected = {
      id: 'ID',
      addresses: [...input.addresses.map((a) => [a.id, a.city]), ['shared', 'Oslo']],
      cards: input.cards.map((c) => [c.id, '************1111', c.billingAddressId]),
    };
    const want = JSON.stringify(expected).replaceAll(input.id, 'ID');
    if (relabel(created) !== want) throw new Error(`${side.name} created ${relabel(created)}, not ${want}`);
    if (!queried || relabel(shapeOf(queried)) !== want) throw new Error(`${side.name} queried ${JSON.stringify(queried)}`);
    if (deleted.count !== 1 || relabel(shapeOf(deleted.commerceEntities[0])) !== want) throw new Error(`${side.name} deleted ${JSON.stringify(deleted)}`);
    const left = await knex<{ address_id: string }, { address_id: string }[]>('address').whereIn('address_id', [...input.addresses.map((a) => a.id), 'shared']).select('address_id');
    const cardsLeft = await knex('credit_card').whereIn('id', input.cards.map((c) => c.id)).select('id');
    if (!same(left.map((a) => a.address_id), ['shared']) || cardsLeft.length) throw new Error(`${side.name} left ${JSON.stringify(left)} and ${cardsLeft.length} cards`);
  }
}

/**
 * Create, cold and warm Query, and Delete of a UserProfile: through the framework's shipped sequences, the raw
 * driver, Drizzle and hand-written knex, on the same tables of one database, in interleaved rounds.
 */
export async function userProfileBench(database: BenchDatabase, options: MeasureOptions): Promise<OperationRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-root-'));
  const foundation = await createCommerceFoundation({ root, database: database.config, encryptionKey: benchEncryptionKey });
  const sides = peersOn(database, foundation);
  try {
    await seedNeighbour(foundation);
    await checkSidesAgree(foundation, sides);
    const emails: string[] = [];
    for (let i = 0; i < seededUsers; i++) emails.push(await seedUser(foundation));
    let next = 0;
    const anyUser = () => emails[(next = (next + 1) % emails.length)] ?? '';
    const measureAll = async (key: OperationKey, name: string, side: (peer: UserProfilePeer) => Side): Promise<OperationRow> => {
      const ms = await compareAll(sides.map(side), options);
      return { key, name, ms: Object.fromEntries(sideNames.map((n, i) => [n, ms[i] ?? NaN])) as Record<SideName, number> };
    };
    const rows: OperationRow[] = [];
    rows.push(await measureAll('create', 'Create (3 addresses, one existing; 2 cards)', (peer) => ({ run: () => peer.create(newUserInput(peer.name.replaceAll(' ', '-'))) })));
    rows.push(
      await measureAll('cold', 'Query by email + addresses + cards, cold cache', (peer) => ({
        run: () => peer.query(anyUser()),
        // Only the framework has a cache to empty; emptying it costs the peers nothing either way.
        options: { beforeEach: () => foundation.profileManagement.refreshProfileCache() },
      })),
    );
    // Every seeded user in the framework's cache before the warm rounds begin.
    for (const email of emails) await sides[0]?.query(email);
    rows.push(await measureAll('warm', 'Query by email + addresses + cards, warm cache', (peer) => ({ run: () => peer.query(anyUser()) })));
    rows.push(
      await measureAll('delete', 'Delete (3 addresses, 1 shared; 2 cards), returning them', (peer) => {
        let email = '';
        return { run: () => peer.delete(email), options: { beforeEach: async () => void (email = await seedUser(foundation)) } };
      }),
    );
    return rows;
  } finally {
    for (const side of sides) await side.close();
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
