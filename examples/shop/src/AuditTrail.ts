import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { LoggerToken, UserProfileWork, type Logger, type OperationContext, type SequenceComponent } from 'commerce-foundation';

const configurationSchema = z.strictObject({ action: z.string().min(1) });
type AuditConfiguration = z.infer<typeof configurationSchema>;

export const auditTable = 'audit_trail';

/**
 * Writes who was affected, by which operation and channel, into `audit_trail` — inside the operation's
 * transaction, so that an operation that fails leaves no audit row, and one that succeeds always has one.
 */
@injectable()
export class AuditTrail implements SequenceComponent<AuditConfiguration> {
  static readonly configurationSchema = configurationSchema;

  constructor(@inject(LoggerToken) private readonly logger: Logger) {}

  async execute(context: OperationContext<any, AuditConfiguration>): Promise<void> {
    const users = UserProfileWork.of(context).users.map((user) => String(user.primaryKey));
    if (users.length === 0) return;
    const db = await context.transaction();
    await db(auditTable).insert(
      users.map((userId) => ({
        user_id: userId,
        action: context.configuration.action,
        handler: context.handler,
        channel: context.requestContext.channel ?? 'unknown',
        at: new Date().toISOString(),
      })),
    );
    this.logger.info('audited', { handler: context.handler, users: users.length });
  }
}
