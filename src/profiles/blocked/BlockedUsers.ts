import type { Knex } from 'knex';
import { dialectOf } from '../../storage/Dialect.js';

export const blockedUsersTable = 'blocked_users';

export function createBlockedUsersTable(table: Knex.CreateTableBuilder, knex: Knex): void {
  const userId = table.string('user_id', 255).notNullable().primary();
  if (dialectOf(knex) === 'mysql') userId.collate('utf8mb4_bin');
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
