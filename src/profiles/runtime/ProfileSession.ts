import type { Knex } from 'knex';
import type { TransactionScope } from '../../pipeline/TransactionScope.js';
import { CacheOverlay } from '../cache/CacheOverlay.js';
import type { ProfileCache } from '../cache/ProfileCache.js';
import type { CacheBus } from '../farm/CacheBus.js';

/** One transaction's use of the Profiles System: its connections, and the cache changes it applies on commit. */
export class ProfileSession {
  readonly overlay = new CacheOverlay();

  constructor(
    private readonly scope: TransactionScope,
    private readonly defaultDatabase: Knex,
    cache: ProfileCache,
    bus: CacheBus,
  ) {
    scope.onCommit(() => void bus.publish(this.overlay.applyTo(cache)));
  }

  /** For reads: the open transaction on `database` if there is one, else a plain connection (no BEGIN for a lone SELECT). */
  reader(database: Knex = this.defaultDatabase): Promise<Knex> {
    return this.scope.begunOn(database) ? this.scope.connection(database) : Promise.resolve(database);
  }

  /** For writes and locking reads: the transaction on `database`, begun now if need be. */
  writer(database: Knex = this.defaultDatabase): Promise<Knex> {
    return this.scope.connection(database);
  }
}
