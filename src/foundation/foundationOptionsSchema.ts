import { z } from 'zod';
import { databaseConfigSchema } from '../config/databaseConfigSchema.js';
import type { Logger } from '../logging/Logger.js';
import type { ModelDefinition } from '../models/ModelDefinition.js';
import { componentNamePattern, componentRegistrationSchema } from '../modules/commerceModuleSchema.js';
import type { CommerceModule } from '../modules/defineCommerceModule.js';

export const foundationOptionsSchema = z.strictObject({
  /** The folder holding config/ and sequences/; default process.cwd(). */
  root: z.string().min(1).optional(),
  database: databaseConfigSchema.optional(),
  /** Modules to load after the shipped ones (each checked at start-up against the module contract). */
  modules: z.array(z.custom<CommerceModule>((v) => typeof v === 'object' && v !== null, 'must be a module: defineCommerceModule({ … })')).optional(),
  /** Custom sequence components, by the name sequence files use. */
  components: z.record(z.string().regex(componentNamePattern, 'must be a component name'), componentRegistrationSchema).optional(),
  /** Models requests may name that are not stored in profiles (a model stored in profiles is a model file). */
  models: z.array(z.custom<ModelDefinition>((v) => typeof v === 'object' && v !== null, 'must be a model definition')).optional(),
  /** The key for card numbers (32 bytes as 64 hex digits or base64); before COMMERCE_ENCRYPTION_KEY and config/commerce.json. */
  encryptionKey: z.string().min(1).optional(),
  /** `false` skips creating missing tables and columns. */
  migrate: z.boolean().optional(),
  logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, 'must be a logger').optional(),
});

export type CommerceFoundationOptions = z.input<typeof foundationOptionsSchema>;
