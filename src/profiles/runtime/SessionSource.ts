import type { Knex } from 'knex';
import { FoundationClosedFault } from '../../faults/FoundationClosedFault.js';
import { TransactionScope } from '../../storage/TransactionScope.js';
import type { ProfileCache } from '../cache/ProfileCache.js';
import type { CacheBus } from '../farm/CacheBus.js';
import { ProfileSession } from './ProfileSession.js';

/** Where a ProfileContext's calls run: in an operation's transaction, or each in one of its own. */
export interface SessionSource {
  run<T>(work: (session: ProfileSession) => Promise<T>): Promise<T>;
  /** The shared cache, when reads may go to it directly (outside an operation there is no transaction view to consult). */
  readonly directCache: ProfileCache | undefined;
  /**
   * The session whose view a read that sends no SQL consults: the operation's; none outside an operation, where the
   * view is the cache alone. Refused, as `run` is, once the foundation is closed.
   */
  readonly viewSession: ProfileSession | undefined;
}

/** Every call in the one session of an operation; it commits or rolls back with the operation. */
export class OperationSessionSource implements SessionSource {
  readonly directCache = undefined;

  constructor(private readonly session: ProfileSession) {}

  get viewSession(): ProfileSession {
    return this.session;
  }

  run<T>(work: (session: ProfileSession) => Promise<T>): Promise<T> {
    return work(this.session);
  }
}

/** Every call in a transaction of its own, committed when the call ends (the API outside operations). */
export class StandaloneSessionSource implements SessionSource {
  constructor(
    private readonly knex: Knex,
    private readonly cache: ProfileCache,
    private readonly bus: CacheBus,
    private readonly isOpen: () => boolean,
  ) {}

  /** Checked as `run` is, so that a closed foundation answers no call, not even one the cache could. */
  get directCache(): ProfileCache {
    if (!this.isOpen()) throw new FoundationClosedFault();
    return this.cache;
  }

  /** No session: the view outside an operation is the cache alone (checked open, as directCache is). */
  get viewSession(): undefined {
    if (!this.isOpen()) throw new FoundationClosedFault();
    return undefined;
  }

  async run<T>(work: (session: ProfileSession) => Promise<T>): Promise<T> {
    if (!this.isOpen()) throw new FoundationClosedFault();
    // Reads here need no transaction (see ProfileSession.reader): one is begun only to write or to lock for a write.
    const scope = new TransactionScope(this.knex, { transactional: true, writes: true });
    const session = new ProfileSession(scope, this.knex, this.cache, this.bus);
    let result: T;
    try {
      result = await work(session);
    } catch (error) {
      await scope.rollback().catch(() => undefined);
      throw error;
    }
    await scope.commit();
    return result;
  }
}
