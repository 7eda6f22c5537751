import { z } from 'zod';

export const sequenceStepSchema = z.strictObject({
  /** The component's registered name: a built-in one or one given in `components`. */
  name: z.string().min(1),
  /** `false` keeps the step in the file but does not run it. */
  enabled: z.boolean().default(true),
  /** Handed to the component as `context.configuration`, validated by its own schema where it has one. */
  configuration: z.unknown().optional(),
  description: z.string().optional(),
});

/** A sequence file: `sequences/Commerce{Create|Query|Update|Delete}Operation_<Model>.json`. */
export const sequenceFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  /** One database transaction for the whole operation (default true). */
  transactional: z.boolean().default(true),
  /** MySQL/MariaDB only; SQLite transactions are always serializable. */
  isolationLevel: z.enum(['read uncommitted', 'read committed', 'repeatable read', 'serializable']).optional(),
  components: z.array(sequenceStepSchema),
});

export type SequenceFile = z.output<typeof sequenceFileSchema>;
export type SequenceStepEntry = z.output<typeof sequenceStepSchema>;
