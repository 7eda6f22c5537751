import type { Knex } from 'knex';
import { z } from 'zod';
import { validationFaultFromZod } from '../../faults/validationFaultFromZod.js';
import { dialectOf } from '../../storage/Dialect.js';
import { keyColumn } from '../schema/columnBuilders.js';

export const blockedUsersTable = 'blocked_users';
const userIdMaxLength = 255;
const userIdSchema = z.string().min(1).max(userIdMaxLength);

/** The user id of a blocked-users call, checked before any SQL: a ValidationFault on `userId` otherwise. */
export function checkUserId(userId: unknown): string {
  const parsed = userIdSchema.safeParse(userId);
  if (!parsed.success) throw validationFaultFromZod(parsed.error, 'userId');
  return parsed.data;
}

export function createBlockedUsersTable(table: Knex.CreateTableBuilder, keyCollation: string | undefined): void {
  keyColumn(table, keyCollation, 'user_id', { type: 'string', maxLength: userIdMaxLength }).notNullable().primary();
  table.datetime('blocked_at', { precision: 3 }).notNullable();
}

/** Users denied access; always read from the store, never from a cache, so a block holds at once on every server. */
export class BlockedUsers {
  constructor(private readonly connection: () => Promise<Knex>) {}

  async block(userId: string): Promise<void> {
    const db = await this.connection();
    const blockedAt = dialectOf(db) === 'mysql' ? new Date() : new Date().toISOString();
    await db(blockedUsersTable).insert({ user_id: userId, blocked_at: blockedAt }).onConflict('user_id').ignore();
  }

  async unblock(userId: string): Promise<boolean> {
    const db = await this.connection();
    return (await db(blockedUsersTable).where({ user_id: userId }).delete()) > 0;
  }

  async isBlocked(userId: string): Promise<boolean> {
    const db = await this.connection();
    return (await db(blockedUsersTable).where({ user_id: userId }).first('user_id')) !== undefined;
  }
}
