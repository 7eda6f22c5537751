import type { Knex } from 'knex';

/** A transaction's config, and whether it is begun to write (SQLite then begins it IMMEDIATE: see sqliteKnex). */
export interface TransactionIntent extends Knex.TransactionConfig {
  readonly writes?: boolean;
}

/** What a knex's 'query' event carries: its listeners count statements (statementCounter) and log their SQL text (knexLog). */
export interface QueryEvent {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

/** The events a knex's client tells its statements with, as knex itself does. */
export interface QueryEvents {
  emit(event: 'query', query: QueryEvent): boolean;
  /** 'query-response' with the driver's answer, 'query-error' with its error. */
  emit(event: 'query-response' | 'query-error', outcome: unknown, query: QueryEvent): boolean;
}

/** The part of a knex's client a driver transaction uses: the pool, and the query events. */
interface PoolClient extends QueryEvents {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

/**
 * Tells a statement with knex's 'query' event, sends it, and tells how it ended as knex does for its own statements:
 * 'query-response' with the driver's answer, or 'query-error' with its error, on `client` (which knex passes on to the
 * knex and its listeners). When `listened` is false nobody listens for the end: the statement is sent as it is, with
 * no promise more.
 */
export function sendTold<T>(client: QueryEvents, listened: boolean, query: QueryEvent, send: () => T | Promise<T>): T | Promise<T> {
  client.emit('query', query);
  if (!listened) return send();
  const failed = (error: unknown): never => {
    client.emit('query-error', error, query);
    throw error;
  };
  const answered = (response: T): T => {
    client.emit('query-response', response, query);
    return response;
  };
  let answer: T | Promise<T>;
  try {
    answer = send();
  } catch (error) {
    return failed(error);
  }
  return isThenable(answer) ? Promise.resolve(answer).then(answered, failed) : answered(answer);
}

const isThenable = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown } | null)?.then === 'function';

/** Whether anyone listens to how a knex's statements end. */
export const listensForAnswers = (knex: Knex): boolean => knex.listenerCount('query-response') > 0 || knex.listenerCount('query-error') > 0;

/**
 * Sends one of a transaction's own statements (BEGIN, COMMIT, ROLLBACK) with `send`, told to the knex's listeners as
 * any other statement is (see sendTold): 'query' before it, 'query-response' or 'query-error' after it.
 */
export type Told = (sql: string, send: () => Promise<void> | void) => Promise<void> | void;

/**
 * How one database begins and ends a transaction on one of its driver's connections. Each sends its statements with
 * the driver, each through `told` (for knex's query events).
 */
export interface TransactionEnds {
  /** BEGIN; a failure leaves no transaction open (a writing SQLite transaction that finds the write lock taken fails with SQLITE_BUSY). */
  begin(connection: never, intent: TransactionIntent, told: Told): Promise<void> | void;
  commit(connection: never, told: Told): Promise<void> | void;
  /** ROLLBACK, where a transaction is open on the connection. */
  rollback(connection: never, told: Told): Promise<void> | void;
  /**
   * Ends the connection's transaction at once, while its owner may be inside a statement of it (MySQL/MariaDB: the
   * server session is killed from another connection). Never rejects. Absent where a rollback does that already.
   */
  kill?(knex: Knex, connection: never): Promise<void>;
}

/** What a knex's transaction config may also say: the transaction has begun on `connection` already (see acceptBegunTransactions). */
export interface BegunTransactionConfig extends Knex.TransactionConfig {
  readonly connection: unknown;
  readonly begun: true;
}

/** A write's outcome without its row count, its failure made into what `fault` makes of it (see Dialect.write). */
export async function written(sending: Promise<unknown>, fault: (error: unknown) => unknown): Promise<void> {
  try {
    await sending;
  } catch (error) {
    throw fault(error);
  }
}

type TransactionFactory = (container: unknown, config: Knex.TransactionConfig | undefined, outerTx: unknown) => { begin(conn: unknown): Promise<unknown> };

/**
 * Lets `knex.transaction({ connection, begun: true })` make a knex transaction on a connection whose transaction a
 * DriverTransaction began already: knex sends no BEGIN for it (and, given its connection, does not release it).
 */
export function acceptBegunTransactions(knex: Knex): void {
  const client = knex.client as { transaction: TransactionFactory };
  const transaction = client.transaction.bind(client);
  client.transaction = (container, config, outerTx) => {
    const trx = transaction(container, config, outerTx);
    if ((config as Partial<BegunTransactionConfig> | undefined)?.begun) trx.begin = () => Promise.resolve();
    return trx;
  };
}

/**
 * A transaction on one connection of a knex's pool, begun, committed and rolled back with the driver itself: none of
 * knex's per-transaction machinery (a Transaction, a transaction client and a whole knex instance made for each, their
 * promise chains), which cost about 90 µs a transaction on SQLite, more than its BEGIN, one INSERT and its COMMIT.
 * The framework's own statements run on `connection` (see onDriverConnection); a component that asks for the
 * transaction as a knex gets one made on the same connection, already begun (`asKnex`), and then that knex
 * transaction commits or rolls back in its stead. Statements are announced with knex's 'query' event, as knex would,
 * and their answers and failures with 'query-response' and 'query-error' where the knex has listeners for them.
 * Writes whose answer no one reads may be queued (`defer`): sent in order, each once the one before succeeded, while
 * the caller goes on; every other statement, asKnex and commit wait for them first and throw their first failure.
 * Once it has ended, in any way, no statement may be sent through it, and the connection goes back to the pool.
 */
export class DriverTransaction {
  private ended = false;
  private released = false;
  private knexTransaction: Promise<Knex.Transaction> | undefined;
  /** Set once a knex transaction was asked for: knex may then send on the connection, so no write is queued any more. */
  private knexWanted = false;
  /**
   * The writes queued (see defer) and not yet all answered: settles once the last has succeeded, or rejects with the
   * first failure. Undefined when none is outstanding.
   */
  private queued: Promise<void> | undefined;
  /** Set before a ROLLBACK is sent: a queued write not yet sent is then never sent (it would run outside the transaction). */
  private halted = false;
  private readonly client: PoolClient;

  private constructor(
    readonly knex: Knex,
    readonly connection: unknown,
    private readonly ends: TransactionEnds,
  ) {
    this.client = knex.client as PoolClient;
  }

  /** Takes a connection from the pool and begins; a BEGIN that fails gives the connection back and rejects. */
  static async begin(knex: Knex, intent: TransactionIntent, ends: TransactionEnds): Promise<DriverTransaction> {
    const client = knex.client as PoolClient;
    const connection = await client.acquireConnection();
    const transaction = new DriverTransaction(knex, connection, ends);
    try {
      await ends.begin(connection as never, intent, transaction.told);
    } catch (error) {
      transaction.ended = true;
      await transaction.release();
      throw error;
    }
    return transaction;
  }

  /** Sends one of the transaction's own statements, told as knex tells its statements (see Told). */
  readonly told: Told = (sql, send) => sendTold(this.client, listensForAnswers(this.knex), { sql, bindings: [] }, send);

  /**
   * Sends a statement on the connection and answers what `send` answers, once the writes queued before it (see
   * defer) have all succeeded; when one of them failed, that failure is thrown and the statement is not sent.
   */
  statement<T>(sql: string, bindings: readonly unknown[], send: (connection: never) => T | Promise<T>): Promise<T> {
    if (this.ended) return Promise.reject(new Error('Transaction query already complete'));
    const queued = this.queued;
    return queued ? queued.then(() => this.sendNow(sql, bindings, send)) : this.sendNow(sql, bindings, send);
  }

  /** Sends it now, unless a ROLLBACK was sent: the driver's own error is what a failure rejects with. */
  private async sendNow<T>(sql: string, bindings: readonly unknown[], send: (connection: never) => T | Promise<T>): Promise<T> {
    if (this.halted) throw new Error('the transaction was rolled back before this statement was sent');
    return sendTold(this.client, listensForAnswers(this.knex), { sql, bindings }, () => send(this.connection as never));
  }

  /**
   * Queues a write whose answer no one reads (an INSERT, an UPDATE, a DELETE whose count does not matter) and
   * returns at once, so that the caller's work runs while the database answers. The writes are sent in the order
   * they were queued, each only once the one before it has succeeded: after a failure nothing more is sent (on
   * MySQL/MariaDB a deadlock ends the whole transaction, and a write sent after it would run outside any). The first
   * failure, made into what `fault` makes of it, is thrown by the transaction's next statement, by asKnex and by
   * commit, which then rolls back. Once a knex transaction was asked for, knex may send on the connection in between,
   * so a write is then sent as any statement and this waits for it.
   */
  defer(sql: string, bindings: readonly unknown[], send: (connection: never) => unknown, fault: (error: unknown) => unknown): Promise<void> {
    if (this.knexWanted) return written(this.statement(sql, bindings, send), fault);
    if (this.ended) return Promise.reject(new Error('Transaction query already complete'));
    const write = () => written(this.sendNow(sql, bindings, send), fault);
    const queued = this.queued ? this.queued.then(write) : write();
    this.queued = queued;
    // Once the last queued write has succeeded there is nothing left to wait for; a failure stays, for every later use.
    queued.then(
      () => {
        if (this.queued === queued) this.queued = undefined;
      },
      () => undefined,
    );
    return Promise.resolve();
  }

  /** The transaction as a knex transaction on the same connection, begun already: made once, on first request, once the queued writes have succeeded. */
  async asKnex(): Promise<Knex.Transaction> {
    this.knexWanted = true;
    if (this.queued) await this.queued;
    if (this.ended) throw new Error('Transaction query already complete');
    const config: BegunTransactionConfig = { connection: this.connection, begun: true };
    this.knexTransaction ??= this.knex.transaction(config);
    return this.knexTransaction;
  }

  /**
   * COMMIT, once the queued writes have succeeded; when one of them or the COMMIT fails, the transaction is rolled
   * back (if the database left it open) and the failure thrown.
   */
  async commit(): Promise<void> {
    if (this.ended) throw new Error('the transaction has ended');
    const queued = this.queued;
    this.ended = true;
    try {
      if (queued) await queued;
      if (this.knexTransaction) {
        const trx = await this.knexTransaction;
        // knex resolves commit() even when the COMMIT fails; the failure rejects the transaction's executionPromise.
        await trx.commit();
        await trx.executionPromise;
      } else {
        await this.ends.commit(this.connection as never, this.told);
      }
    } catch (error) {
      await this.rollbackQuietly();
      throw error;
    } finally {
      await this.release();
    }
  }

  /** ROLLBACK, unless it has ended already; never rejects (a failure is the caller's original failure's concern). */
  async rollback(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    try {
      await this.rollbackQuietly();
    } finally {
      await this.release();
    }
  }

  /** Ends it now, while its owner may still be inside a statement of it (see TransactionEnds.kill). Never rejects. */
  async abandon(): Promise<void> {
    if (this.released) return;
    this.ended = true;
    // Nothing still queued may go after the session is ended (on a connection of its own it would run on its own).
    this.halted = true;
    try {
      if (this.ends.kill) await this.ends.kill(this.knex, this.connection as never);
      await this.rollbackQuietly();
    } finally {
      await this.release();
    }
  }

  private async rollbackQuietly(): Promise<void> {
    this.halted = true;
    try {
      if (this.knexTransaction) {
        const trx = await this.knexTransaction;
        trx.executionPromise.catch(() => undefined);
        if (!trx.isCompleted()) await trx.rollback();
        // A knex transaction that ended by its COMMIT failing sent no ROLLBACK: the connection may still be inside it.
        else await this.ends.rollback(this.connection as never, this.told);
      } else {
        await this.ends.rollback(this.connection as never, this.told);
      }
    } catch {
      // the original failure is what the caller reports
    }
  }

  private async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.client.releaseConnection(this.connection);
  }
}
