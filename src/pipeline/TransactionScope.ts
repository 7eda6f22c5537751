import type { Knex } from 'knex';
import type { SequenceFile } from '../sequences/sequenceFileSchema.js';

type Hook = () => void;

/**
 * The one transaction of an operation, begun when a component first asks for it, so that an operation
 * that sends no SQL sends no BEGIN either. Hooks let caches apply what a transaction did only once it commits.
 */
export class TransactionScope {
  private transaction: Promise<Knex.Transaction> | undefined;
  private readonly commitHooks: Hook[] = [];
  private readonly rollbackHooks: Hook[] = [];

  constructor(
    private readonly knex: Knex,
    private readonly transactional: boolean,
    private readonly isolationLevel: SequenceFile['isolationLevel'],
  ) {}

  /** The open transaction (begun now if need be); the plain knex for a non-transactional sequence. */
  connection(): Promise<Knex> {
    if (!this.transactional) return Promise.resolve(this.knex);
    this.transaction ??= this.knex.transaction(this.transactionConfig());
    return this.transaction;
  }

  get begun(): boolean {
    return this.transaction !== undefined;
  }

  onCommit(hook: Hook): void {
    this.commitHooks.push(hook);
  }

  onRollback(hook: Hook): void {
    this.rollbackHooks.push(hook);
  }

  async commit(): Promise<void> {
    if (this.transaction) await (await this.transaction).commit();
    for (const hook of this.commitHooks) hook();
  }

  /** Rolls back and runs the rollback hooks; a failure to roll back is left to the caller's original error. */
  async rollback(): Promise<void> {
    try {
      if (this.transaction) {
        const trx = await this.transaction;
        if (!trx.isCompleted()) await trx.rollback();
      }
    } finally {
      for (const hook of this.rollbackHooks) hook();
    }
  }

  private transactionConfig(): Knex.TransactionConfig {
    const isMysql = (this.knex.client.config as { client?: unknown }).client === 'mysql2';
    return this.isolationLevel && isMysql ? { isolationLevel: this.isolationLevel } : {};
  }
}
