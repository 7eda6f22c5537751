import type { Knex } from 'knex';
import { dialectOf } from './dialects/dialects.js';
import type { SqlTarget } from './dialects/driverStatement.js';
import type { DriverTransaction } from './dialects/DriverTransaction.js';

type Hook = () => void;

export interface TransactionScopeOptions {
  /** False: each statement stands on its own (a non-transactional sequence). */
  readonly transactional: boolean;
  /** Applies on MySQL/MariaDB. */
  readonly isolationLevel?: Knex.IsolationLevels | undefined;
  /** The transactions are begun to write (Create, Update, Delete; the Profiles API's writes), not only to read. */
  readonly writes: boolean;
}

/**
 * The transactions of one operation: one per database it touches (one, unless profiles are partitioned), each
 * begun when first asked for, so that an operation that sends no SQL sends no BEGIN either. Hooks let caches apply
 * what the operation did only once it has committed.
 */
export class TransactionScope {
  private readonly transactions = new Map<Knex, Promise<DriverTransaction>>();
  private readonly commitHooks: Hook[] = [];
  private readonly rollbackHooks: Hook[] = [];
  private readonly writesKeptHooks: Hook[] = [];
  /** Set once the scope is abandoned: every later use of it fails with this. */
  private refusal: Error | undefined;

  constructor(
    private readonly knex: Knex,
    private readonly options: TransactionScopeOptions,
  ) {}

  /**
   * Where the framework's statements go on `database`: its open transaction (begun now if need be), or the plain
   * knex for a non-transactional sequence.
   */
  statements(database: Knex = this.knex): Promise<SqlTarget> {
    if (this.refusal) return Promise.reject(this.refusal);
    if (!this.options.transactional) return Promise.resolve(database);
    return this.transactionOn(database);
  }

  /** The open transaction on `database` as a knex transaction (for components and the query builder); the plain knex for a non-transactional sequence. */
  async connection(database: Knex = this.knex): Promise<Knex> {
    if (this.refusal) throw this.refusal;
    if (!this.options.transactional) return database;
    return (await this.transactionOn(database)).asKnex();
  }

  private transactionOn(database: Knex): Promise<DriverTransaction> {
    let transaction = this.transactions.get(database);
    if (!transaction) {
      const dialect = dialectOf(database);
      transaction = dialect.beginTransaction(database, dialect.transactionIntent(this.options.isolationLevel, this.options.writes));
      this.transactions.set(database, transaction);
    }
    return transaction;
  }

  /** Whether the scope was abandoned (see abandon): every use of it then fails. */
  get abandoned(): boolean {
    return this.refusal !== undefined;
  }

  /** Throws what the scope was abandoned with, if it was. */
  assertUsable(): void {
    if (this.refusal) throw this.refusal;
  }

  /** Whether a transaction is open on `database`. */
  begunOn(database: Knex = this.knex): boolean {
    return this.transactions.has(database);
  }

  onCommit(hook: Hook): void {
    this.commitHooks.push(hook);
  }

  onRollback(hook: Hook): void {
    this.rollbackHooks.push(hook);
  }

  /**
   * For a failure that leaves some of the operation's writes in place: any failure of a non-transactional scope, or
   * a commit across databases (partitions) that failed after an earlier one had committed. What was written is then
   * neither wholly there nor wholly gone, and caches must forget it.
   */
  onWritesKept(hook: Hook): void {
    this.writesKeptHooks.push(hook);
  }

  /**
   * Commits every transaction, in the order they began; when one fails to commit, it and the rest are rolled back
   * (and, if an earlier one had committed, the writes-kept hooks run). With no transaction begun there is nothing to
   * wait for: the hooks run at once and nothing is returned.
   */
  commit(): Promise<void> | undefined {
    if (this.refusal) return Promise.reject(this.refusal);
    if (this.transactions.size === 0) {
      for (const hook of this.commitHooks) hook();
      return undefined;
    }
    return this.commitAll();
  }

  private async commitAll(): Promise<void> {
    const pending = [...this.transactions.values()];
    this.transactions.clear();
    for (const [index, transaction] of pending.entries()) {
      try {
        await (await transaction).commit();
      } catch (error) {
        for (const rest of pending.slice(index)) await rollbackQuietly(rest);
        if (index > 0) for (const hook of this.writesKeptHooks) hook();
        throw error;
      }
    }
    for (const hook of this.commitHooks) hook();
  }

  /**
   * Ends the scope while its owner may still be running (an operation that timed out): every transaction is ended
   * at once by its dialect (on MySQL/MariaDB, its session), the rollback hooks run, and from now on the scope refuses
   * every use with `reason`, so that a component that goes on cannot write into a new transaction by accident.
   */
  async abandon(reason: Error): Promise<void> {
    this.refusal = reason;
    const pending = [...this.transactions.values()];
    this.transactions.clear();
    try {
      for (const transaction of pending) {
        const end = (trx: DriverTransaction) => trx.abandon();
        // A transaction still beginning (waiting for a connection or, on SQLite, for the write lock) is ended once it
        // has begun, without making the timed-out operation wait for that; one that has begun is ended now.
        const begun = await Promise.race([transaction.catch(() => undefined), new Promise<'beginning'>((resolve) => setImmediate(resolve, 'beginning'))]);
        if (begun === 'beginning') void transaction.then(end, () => undefined);
        else if (begun) await end(begun);
      }
    } finally {
      if (!this.options.transactional) for (const hook of this.writesKeptHooks) hook();
      for (const hook of this.rollbackHooks) hook();
    }
  }

  /** Rolls every transaction back and runs the rollback hooks (and, for a non-transactional scope, the writes-kept ones). */
  async rollback(): Promise<void> {
    if (this.refusal) return;
    const pending = [...this.transactions.values()];
    this.transactions.clear();
    try {
      for (const transaction of pending) await rollbackQuietly(transaction);
    } finally {
      if (!this.options.transactional) for (const hook of this.writesKeptHooks) hook();
      for (const hook of this.rollbackHooks) hook();
    }
  }
}

async function rollbackQuietly(transaction: Promise<DriverTransaction>): Promise<void> {
  try {
    await (await transaction).rollback();
  } catch {
    // the original failure is what the caller reports
  }
}
