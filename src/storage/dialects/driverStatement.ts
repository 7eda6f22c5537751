import type { Knex } from 'knex';
import { DriverTransaction, listensForAnswers, sendTold, type QueryEvents } from './DriverTransaction.js';

/** Where a statement is sent: a knex (a connection borrowed from its pool for it), one of its transactions, or a driver transaction. */
export type SqlTarget = Knex | DriverTransaction;

/** A knex's client, or one of its transactions' (which hands out the transaction's one connection and keeps it). */
interface StatementClient<Connection> extends QueryEvents {
  acquireConnection(): Promise<Connection>;
  releaseConnection(connection: Connection): Promise<unknown>;
}

/**
 * Sends a statement on the driver's connection itself, without knex's raw, formatter, runner and query executioner
 * per statement: on the transaction's connection when `db` is a transaction (a driver transaction, or a knex one), on one borrowed from the pool (and given
 * back) otherwise. knex's 'query' event is emitted as knex would, so that the statement is counted for the trace and
 * its SQL text logged at debug; 'query-response' and 'query-error' too, where anyone listens for them (sendTold). The
 * driver's own error is what a failure rejects with (its code, errno and sqlState intact for the dialect's conflict
 * and constraint checks), without the SQL text knex prefixes its message with.
 * `send` takes the dialect's own view of its driver's connection (hence `never` here).
 */
export function onDriverConnection<T>(db: SqlTarget, sql: string, bindings: readonly unknown[], send: (connection: never) => T | Promise<T>): Promise<T> {
  return db instanceof DriverTransaction ? db.statement(sql, bindings, send) : onKnexConnection(db, sql, bindings, send);
}

async function onKnexConnection<T>(db: Knex, sql: string, bindings: readonly unknown[], send: (connection: never) => T | Promise<T>): Promise<T> {
  const client = db.client as StatementClient<never>;
  const transaction = db.isTransaction === true;
  if (transaction && (db as Knex.Transaction).isCompleted()) throw new Error('Transaction query already complete');
  const connection = await client.acquireConnection();
  try {
    // A knex transaction passes its events on to the knex it was made from, whose listeners it cannot see: always told.
    return await sendTold(client, transaction || listensForAnswers(db), { sql, bindings }, () => send(connection));
  } finally {
    if (!transaction) await client.releaseConnection(connection);
  }
}

/**
 * Sends a statement outside any transaction on a connection the dialect chose without the pool (SQLite's free pool
 * connection or the read-only one beside it: see sqliteKnex), emitting knex's 'query' event as onDriverConnection
 * does. A driver error rejects, as there.
 */
export function onLoneConnection<T>(db: Knex, sql: string, bindings: readonly unknown[], send: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(sentAlone(db, sql, bindings, send));
  });
}

/** onLoneConnection's statement, answered (or thrown) in this turn. */
export function sentAlone<T>(db: Knex, sql: string, bindings: readonly unknown[], send: () => T): T {
  return sendTold(db.client as StatementClient<never>, listensForAnswers(db), { sql, bindings }, send) as T;
}
