import type { Knex } from 'knex';
import { z } from 'zod';
import { validationFaultFromZod } from '../../faults/validationFaultFromZod.js';
import type { Dialect } from '../../storage/dialects/Dialect.js';

export const blockedUsersTable = 'blocked_users';
export const userIdMaxLength = 255;
const userIdSchema = z.string().min(1).max(userIdMaxLength);

/** The user id of a blocked-users call, checked before any SQL: a ValidationFault on `userId` otherwise. */
export function checkUserId(userId: unknown): string {
  const parsed = userIdSchema.safeParse(userId);
  if (!parsed.success) throw validationFaultFromZod(parsed.error, 'userId');
  return parsed.data;
}

/** Users denied access; always read from the store, never from a cache, so a block holds at once on every server. */
export class BlockedUsers {
  constructor(private readonly dialect: Dialect) {}

  async block(db: Knex, userId: string): Promise<void> {
    const blockedAt = this.dialect.dateValue(new Date());
    await db(blockedUsersTable).insert({ user_id: userId, blocked_at: blockedAt }).onConflict('user_id').ignore();
  }

  async unblock(db: Knex, userId: string): Promise<boolean> {
    return (await db(blockedUsersTable).where({ user_id: userId }).delete()) > 0;
  }

  async isBlocked(db: Knex, userId: string): Promise<boolean> {
    return (await db(blockedUsersTable).where({ user_id: userId }).first('user_id')) !== undefined;
  }
}
