import type { Knex } from 'knex';
import type { SqlTarget } from '../../storage/dialects/driverStatement.js';
import type { TransactionScope } from '../../storage/TransactionScope.js';
import { CacheOverlay } from '../cache/CacheOverlay.js';
import type { ProfileCache } from '../cache/ProfileCache.js';
import type { CacheBus } from '../farm/CacheBus.js';
import { profileId, type CompiledDefinition, type KeyValue } from '../definitions/CompiledDefinition.js';
import type { ProfileWriteLog } from './ProfileWriteLog.js';

/** One transaction's use of the Profiles System: its connections, and the cache changes it applies on commit. */
export class ProfileSession {
  readonly overlay = new CacheOverlay();
  /** Profiles whose rows a locking read found: they exist until the transaction ends, unless it deletes them. */
  private readonly locked = new Set<string>();
  /** The cache's count of changes when the session began, before any of its transactions. */
  private readonly openedAt: number;

  constructor(
    private readonly scope: TransactionScope,
    private readonly defaultDatabase: Knex,
    private readonly cache: ProfileCache,
    bus: CacheBus,
    /** What the session's writes changed, kept only where someone reads it: an operation's components. */
    readonly written?: ProfileWriteLog,
    /** The step of the operation's sequence running now (none outside an operation): see `step`. */
    private readonly stepNow?: () => string | undefined,
  ) {
    this.openedAt = cache.stamp();
    scope.onCommit(() => void bus.publish(this.overlay.applyTo(cache)));
    scope.onWritesKept(() => void bus.publish(this.overlay.forgetIn(cache)));
  }

  /**
   * The step of the operation's sequence running now (undefined outside an operation): a write queued now is marked
   * with it, for the fault its failure becomes when a later step meets it (see markQueuedBy).
   */
  get step(): string | undefined {
    return this.stepNow?.();
  }

  hold(definition: CompiledDefinition, keys: Iterable<KeyValue>): void {
    for (const key of keys) this.locked.add(profileId(definition.name, key));
  }

  /** Whether the profile's row exists for certain until this transaction ends: it wrote it, or locked it, and has not deleted it. */
  holds(definition: CompiledDefinition, key: KeyValue): boolean {
    const record = this.overlay.get(definition.name, key);
    if (record === null) return false;
    return this.locked.has(profileId(definition.name, key)) || this.overlay.holds(definition.name, key);
  }

  /**
   * The cache's count of changes that a read about to be sent on `database` may predate (see ProfileCache.putLoaded):
   * now for a statement on its own; for one in an open transaction, which may read from a snapshot as old as the
   * transaction (REPEATABLE READ), the count when this session began. Taken before the connection is asked for.
   */
  stampFor(database: Knex = this.defaultDatabase): number {
    return this.scope.begunOn(database) ? this.openedAt : this.cache.stamp();
  }

  /**
   * For reads: the open transaction on `database` if there is one, else a plain connection (no BEGIN for a lone
   * SELECT); an abandoned scope (a timed-out operation) refuses reads too.
   */
  reader(database: Knex = this.defaultDatabase): Promise<SqlTarget> {
    return this.readsInScope(database) ? this.scope.statements(database) : Promise.resolve(database);
  }

  /** reader(), where no transaction is open on `database` (a lone read: see Dialect.rowsNow); undefined otherwise. */
  readerNow(database: Knex = this.defaultDatabase): Knex | undefined {
    return this.readsInScope(database) ? undefined : database;
  }

  /** For writes and locking reads: the transaction on `database`, begun now if need be. */
  writer(database: Knex = this.defaultDatabase): Promise<SqlTarget> {
    return this.scope.statements(database);
  }

  /** reader(), as a knex (for the query builder). */
  knexReader(database: Knex = this.defaultDatabase): Promise<Knex> {
    return this.readsInScope(database) ? this.scope.connection(database) : Promise.resolve(database);
  }

  /** writer(), as a knex (for the query builder). */
  knexWriter(database: Knex = this.defaultDatabase): Promise<Knex> {
    return this.scope.connection(database);
  }

  /** Whether a read on `database` goes through the scope: a transaction is open there, or the scope was abandoned (and refuses). */
  private readsInScope(database: Knex): boolean {
    return this.scope.begunOn(database) || this.scope.abandoned;
  }
}
