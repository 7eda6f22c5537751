import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommerceDelete, CommerceQuery, CommerceQueryRelatedItem, createCommerceFoundation, type UserProfile } from '../../src/index.js';
import type { BenchDatabase } from './benchDatabases.js';
import { seedNeighbour, seedUser } from './fixtures.js';
import { deleteUserByEmail, queryUserByEmail } from './handWritten.js';
import { compare, type Comparison, type MeasureOptions } from './measure.js';

export interface NamedComparison extends Comparison {
  readonly name: string;
}

const deleteBy = (email: string) => {
  const op = new CommerceDelete<UserProfile>('UserProfile');
  op.searchCriteria.model.email = email;
  return op;
};

const queryBy = (email: string) => {
  const op = new CommerceQuery<UserProfile>('UserProfile');
  op.searchCriteria.model.email = email;
  op.relatedOperations.push(new CommerceQueryRelatedItem('Addresses'), new CommerceQueryRelatedItem('CreditCards'));
  return op;
};

/** Delete and Query through the shipped sequences against the hand-written code, on one database. */
export async function userProfileBench(database: BenchDatabase, options: MeasureOptions): Promise<NamedComparison[]> {
  const root = mkdtempSync(join(tmpdir(), 'cf-bench-root-'));
  const foundation = await createCommerceFoundation({ root, database: database.config });
  const { knex } = foundation;
  try {
    await seedNeighbour(foundation);
    let email = '';
    const fresh = { beforeEach: async () => void (email = await seedUser(foundation)) };

    // The two sides give the same answer
    const a = await foundation.processRequest(deleteBy(await seedUser(foundation)));
    const b = await deleteUserByEmail(knex, await seedUser(foundation));
    if (a.operationResponses[0].count !== b.count) throw new Error('the baseline deletes differently');
    const left = await knex('address').whereNot('address_id', 'shared').count({ n: '*' });
    if (Number(left[0]?.n) !== 0) throw new Error('an address was left behind');

    const results: NamedComparison[] = [];
    const deletion = await compare(
      { run: () => foundation.processRequest(deleteBy(email)), options: fresh },
      { run: () => deleteUserByEmail(knex, email), options: fresh },
      options,
    );
    results.push({ name: 'Delete (3 addresses, 1 shared; 2 cards)', ...deletion });

    const queried = await seedUser(foundation);
    const cold = await compare(
      { run: () => foundation.processRequest(queryBy(queried)), options: { beforeEach: () => foundation.profileManagement.refreshProfileCache() } },
      { run: () => queryUserByEmail(knex, queried) },
      options,
    );
    results.push({ name: 'Query by email + addresses + cards, cold cache', ...cold });
    const warm = await compare({ run: () => foundation.processRequest(queryBy(queried)) }, { run: () => queryUserByEmail(knex, queried) }, options);
    results.push({ name: 'Query by email + addresses + cards, warm cache', ...warm });
    return results;
  } finally {
    await foundation.close();
    rmSync(root, { recursive: true, force: true });
  }
}
