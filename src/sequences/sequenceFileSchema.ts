import { z } from 'zod';

export const sequenceStepSchema = z.strictObject({
  name: z.string().min(1).describe("The component's registered name: a built-in one or one given in `components`."),
  enabled: z.boolean().default(true).describe('`false` keeps the step in the file but does not run it.'),
  configuration: z
    .unknown()
    .optional()
    .describe("Handed to the component as `context.configuration`, validated by the component's own schema where it has one."),
  description: z.string().optional().describe('A note for readers; not used.'),
});

export const sequenceFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().optional().describe('A note for readers; not used.'),
    transactional: z.boolean().default(true).describe('Run the whole operation in one database transaction.'),
    isolationLevel: z
      .enum(['read uncommitted', 'read committed', 'repeatable read', 'serializable'])
      .optional()
      .describe('MySQL/MariaDB only; SQLite transactions are always serializable.'),
    transactionTimeoutSeconds: z
      .number()
      .min(0)
      .default(120)
      .describe('An operation still running after this many seconds is rolled back (its locks released) and fails with TransactionTimeoutFault; 0: no limit.'),
    components: z.array(sequenceStepSchema).describe('The steps, run in the order listed.'),
  })
  .describe('An operation sequence: sequences/Commerce{Create|Query|Update|Delete}Operation_<Model>.json');

export type SequenceFile = z.output<typeof sequenceFileSchema>;

/**
 * What can be read of a file that breaks the schema: each entry keeps its place, and an entry with no name is
 * left disabled, so that the components it names are still checked and shown.
 */
export const salvagedSequenceFileSchema = z
  .object({
    transactional: z.boolean().catch(true),
    isolationLevel: sequenceFileSchema.shape.isolationLevel.catch(undefined),
    transactionTimeoutSeconds: z.number().min(0).catch(120).default(120),
    components: z
      .array(
        z
          .object({ name: z.string().catch(''), enabled: z.boolean().catch(true), configuration: z.unknown().optional() })
          .catch({ name: '', enabled: false })
          .transform((entry) => (entry.name ? entry : { ...entry, enabled: false })),
      )
      .catch([]),
  })
  .catch({ transactional: true, isolationLevel: undefined, transactionTimeoutSeconds: 120, components: [] });
export type SequenceFileInput = z.input<typeof sequenceFileSchema>;
