import type { Knex } from 'knex';
import { z } from 'zod';
import { defineCommerceModule, type OperationContext, type SequenceComponent } from '../../../src/index.js';

/** What the Mark steps ran with, in order: each writes its configured label here. */
export const marks: string[] = [];

/** A step that records its label: it may occur several times in one sequence. */
export const Mark: SequenceComponent<{ label: string }> = {
  configurationSchema: z.strictObject({ label: z.string() }),
  execute(context: OperationContext<never, { label: string }>) {
    marks.push(context.configuration.label);
  },
};

/** A step that writes an audit row inside the operation's transaction. */
export const AuditTrail: SequenceComponent<{ level: 'info' | 'debug' }> = {
  configurationSchema: z.strictObject({ level: z.enum(['info', 'debug']) }),
  async migrate(knex: Knex) {
    if (await knex.schema.hasTable('audit_log')) return [];
    await knex.schema.createTable('audit_log', (table) => {
      table.increments('id');
      table.string('handler', 128);
      table.string('level', 16);
    });
    return ['audit_log'];
  },
  async execute(context) {
    const trx = await context.transaction();
    await trx('audit_log').insert({ handler: context.handler, level: context.configuration.level });
  },
};

const del = 'CommerceDeleteOperation_UserProfile';

/** Adds AuditTrail after the committer of the UserProfile Delete. */
export const auditModule = defineCommerceModule({
  name: 'audit',
  components: { AuditTrail },
  sequencePatches: [{ handler: del, add: { name: 'AuditTrail', configuration: { level: 'info' } }, after: 'UserProfileCommitter' }],
});

/** Anchors on what the audit module added, so it must apply after it: the modules' load order. */
export const marksModule = defineCommerceModule({
  name: 'marks',
  components: { Mark },
  sequencePatches: [
    { handler: del, add: { name: 'Mark', configuration: { label: 'm1' } }, before: 'AuditTrail' },
    { handler: del, add: { name: 'Mark', configuration: { label: 'm2' } }, at: 'end' },
  ],
});
