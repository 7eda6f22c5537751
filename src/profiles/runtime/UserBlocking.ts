import { checkUserId, type BlockedUsers } from '../blocked/BlockedUsers.js';
import type { SessionSource } from './SessionSource.js';

/** The blocked-users calls of a ProfileContext: the user id checked before any SQL, then one statement in the context's session. */
export class UserBlocking {
  constructor(private readonly blocked: BlockedUsers) {}

  block(sessions: SessionSource, userId: string): Promise<void> {
    const checked = checkUserId(userId);
    return sessions.run(async (s) => this.blocked.block(await s.knexWriter(), checked));
  }

  unblock(sessions: SessionSource, userId: string): Promise<boolean> {
    const checked = checkUserId(userId);
    return sessions.run(async (s) => this.blocked.unblock(await s.knexWriter(), checked));
  }

  /** Read from the store, never from a cache. */
  isBlocked(sessions: SessionSource, userId: string): Promise<boolean> {
    const checked = checkUserId(userId);
    return sessions.run(async (s) => this.blocked.isBlocked(await s.knexReader(), checked));
  }
}
