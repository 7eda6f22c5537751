import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

/** Counts the SQL statements sent from inside `countStatements(tally, …)`. */
export interface StatementTally {
  count: number;
}

const scope = new AsyncLocalStorage<StatementTally>();
const counted = new WeakSet<Knex>();

export function countStatementsOf(knex: Knex): void {
  if (counted.has(knex)) return;
  counted.add(knex);
  knex.on('query', () => {
    const tally = scope.getStore();
    if (tally) tally.count++;
  });
}

export function countStatements<T>(tally: StatementTally, run: () => Promise<T>): Promise<T> {
  return scope.run(tally, run);
}
