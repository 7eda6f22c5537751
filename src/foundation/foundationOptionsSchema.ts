import { z } from 'zod';
import { databaseConfigSchema } from '../config/databaseConfigSchema.js';
import type { Logger } from '../logging/Logger.js';
import type { ModelDefinition } from '../models/ModelDefinition.js';
import { isComponentRegistration, type SequenceComponentRegistration } from '../sequences/SequenceComponent.js';

const componentRegistration = z.custom<SequenceComponentRegistration>(
  isComponentRegistration,
  'must be an @injectable() class or an object with an execute(context) method',
);

export const foundationOptionsSchema = z.strictObject({
  /** The folder holding config/ and sequences/; default process.cwd(). */
  root: z.string().min(1).optional(),
  database: databaseConfigSchema.optional(),
  /** Custom sequence components, by the name sequence files use. */
  components: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must be a component name'), componentRegistration)
    .optional(),
  /** Models requests may name beyond the built-in ones. */
  models: z.array(z.custom<ModelDefinition>((v) => typeof v === 'object' && v !== null, 'must be a model definition')).optional(),
  /** `false` skips creating missing tables and columns. */
  migrate: z.boolean().optional(),
  logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, 'must be a logger').optional(),
});

export type CommerceFoundationOptions = z.input<typeof foundationOptionsSchema>;
