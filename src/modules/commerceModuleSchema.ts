import { ContainerModule } from 'inversify';
import { z } from 'zod';
import { modelFileSchema } from '../models/files/modelFileSchema.js';
import { profileDefinitionSchema } from '../profiles/definitions/profileDefinitionSchema.js';
import { handlerNamePattern } from '../sequences/handlerName.js';
import { isComponentRegistration, type SequenceComponentRegistration } from '../sequences/SequenceComponent.js';
import { sequenceFileSchema } from '../sequences/sequenceFileSchema.js';
import { modulePatchSchema } from '../sequences/sequencePatchSchema.js';
import type { SequencePatchFunction } from '../sequences/patchSequences.js';

export const componentNamePattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export const componentRegistrationSchema = z.custom<SequenceComponentRegistration>(
  isComponentRegistration,
  'must be an @injectable() class or an object with an execute(context) method',
);

/** What a module may bring; every field but `name` optional. */
export const commerceModuleSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and -')
    .describe('Unique among the modules loaded; `commerce sequences` names it as the origin of what it adds.'),
  folder: z
    .string()
    .min(1)
    .optional()
    .describe('A folder laid out like an app root — config/profiles, config/models, sequences — read at start-up.'),
  components: z.record(z.string().regex(componentNamePattern, 'must be a component name'), componentRegistrationSchema).optional(),
  containerModule: z.instanceof(ContainerModule, { error: "must be an inversify ContainerModule: the module's own services" }).optional(),
  profileDefinitions: z.array(profileDefinitionSchema).optional(),
  models: z.array(modelFileSchema).optional(),
  sequences: z.record(z.string().regex(handlerNamePattern, 'must be a handler name: Commerce{Create|Query|Update|Delete}Operation_<Model>'), sequenceFileSchema).optional(),
  sequencePatches: z
    .union([
      z.array(modulePatchSchema),
      z.custom<SequencePatchFunction>((v) => typeof v === 'function', 'must be a list of patches, each with its handler, or a function (sequence) => patches'),
    ])
    .optional()
    .describe('Edits of sequences the module does not own, applied after the whole files, in the order modules are loaded.'),
  sequencePatchesLast: z
    .boolean()
    .optional()
    .describe("Apply this module's sequencePatches after every other contributor's, the app's and the channels' patch files included."),
});

export type LoadedModule = z.output<typeof commerceModuleSchema>;
