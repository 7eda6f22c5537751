import type { Knex } from 'knex';
import type { TransactionScope } from '../../pipeline/TransactionScope.js';
import { CacheOverlay } from '../cache/CacheOverlay.js';
import type { ProfileCache } from '../cache/ProfileCache.js';

/** One transaction's use of the Profiles System: its connection, and the cache changes it will apply on commit. */
export class ProfileSession {
  readonly overlay = new CacheOverlay();

  constructor(
    private readonly scope: TransactionScope,
    private readonly knex: Knex,
    cache: ProfileCache,
  ) {
    scope.onCommit(() => this.overlay.applyTo(cache));
  }

  /** For reads: the open transaction if there is one, else a plain connection (no BEGIN for a lone SELECT). */
  reader(): Promise<Knex> {
    return this.scope.begun ? this.scope.connection() : Promise.resolve(this.knex);
  }

  /** For writes and locking reads: the transaction, begun now if need be. */
  writer(): Promise<Knex> {
    return this.scope.connection();
  }
}
