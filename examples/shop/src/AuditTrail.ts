import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { z } from 'zod';
import { LoggerToken, type CommerceDelete, type Logger, type OperationContext, type SequenceComponent, type UserProfile } from 'commerce-foundation';

const configurationSchema = z.strictObject({ action: z.string().min(1) });
type AuditConfiguration = z.infer<typeof configurationSchema>;

export const auditTable = 'audit_trail';

/**
 * Writes a row for each user the operation deleted into `audit_trail`, inside the operation's transaction: an
 * operation that fails leaves no audit row, and a Delete that found no one writes none.
 */
@injectable()
export class AuditTrail implements SequenceComponent<AuditConfiguration> {
  static readonly configurationSchema = configurationSchema;

  /** Run at every start and by `commerce migrate`: creates the table the first time. */
  static async migrate(knex: Knex): Promise<string[]> {
    if (await knex.schema.hasTable(auditTable)) return [];
    await knex.schema.createTable(auditTable, (t) => {
      t.increments('id');
      t.string('user_id', 64).notNullable();
      t.string('action', 64).notNullable();
      t.string('handler', 128).notNullable();
      t.string('channel', 64).notNullable();
      t.string('at', 32).notNullable();
    });
    return [auditTable];
  }

  constructor(@inject(LoggerToken) private readonly logger: Logger) {}

  async execute(context: OperationContext<CommerceDelete<UserProfile>, AuditConfiguration>): Promise<void> {
    const users = context.writtenProfiles.deleted('UserObject'); // UserProfiles are stored as UserObject profiles
    if (users.length === 0) return;
    const db = await context.transaction();
    await db(auditTable).insert(
      users.map((userId) => ({
        user_id: String(userId),
        action: context.configuration.action,
        handler: context.handler,
        channel: context.requestContext.channel ?? 'unknown',
        at: new Date().toISOString(),
      })),
    );
    this.logger.info({ handler: context.handler, users: users.length }, 'audited');
  }
}
