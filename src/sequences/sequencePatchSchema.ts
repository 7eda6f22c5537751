import { z } from 'zod';
import { sequenceStepSchema } from './sequenceFileSchema.js';

/** A step of the sequence being patched: its component name, and which one when the name occurs more than once. */
export const stepAnchorSchema = z
  .union([
    z.string().min(1),
    z.strictObject({
      name: z.string().min(1).describe("The step's component name."),
      occurrence: z.number().int().positive().default(1).describe('Which of the steps of that name, counting from 1.'),
    }),
  ])
  .describe('A step by its component name; `{ "name", "occurrence" }` when the name occurs more than once in the sequence.');

const addPatch = z.strictObject({
  add: sequenceStepSchema.describe('The step to add.'),
  before: stepAnchorSchema.optional().describe('Adds the step just before this one.'),
  after: stepAnchorSchema.optional().describe('Adds the step just after this one.'),
  at: z.enum(['start', 'end']).optional().describe('Adds the step first or last (the default, without `before` or `after`).'),
});
const removePatch = z.strictObject({ remove: stepAnchorSchema.describe('Takes this step out of the sequence.') });
const replacePatch = z.strictObject({
  replace: stepAnchorSchema.describe('The step to replace.'),
  with: sequenceStepSchema.describe('The step that takes its place.'),
});
const configurePatch = z.strictObject({
  configure: stepAnchorSchema.describe("The step whose configuration to set (the component's own schema checks it)."),
  configuration: z.unknown().describe("The step's new configuration, in place of the one it had."),
});

/** One edit of a sequence: add, remove, replace or configure a step. */
export const sequencePatchSchema = z
  .union([addPatch, removePatch, replacePatch, configurePatch])
  .superRefine((patch, context) => {
    if (!('add' in patch)) return;
    const places = (['before', 'after', 'at'] as const).filter((key) => patch[key] !== undefined);
    if (places.length > 1) context.addIssue({ code: 'custom', path: [places[1] ?? 'at'], message: `give one of before, after and at, not ${places.join(' and ')}` });
  });

export const sequencePatchFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().optional().describe('A note for readers; not used.'),
    transactionTimeoutSeconds: z
      .number()
      .min(0)
      .optional()
      .describe("Sets the sequence's transactionTimeoutSeconds, without taking over the whole file; 0: no limit."),
    patches: z.array(sequencePatchSchema).default([]).describe('The edits, applied in the order listed.'),
  })
  .describe('Edits of a sequence the app does not own: sequences/Commerce{Create|Query|Update|Delete}Operation_<Model>.patch.json');

const handlerField = z.string().min(1).describe('The handler whose sequence to edit: Commerce{Create|Query|Update|Delete}Operation_<Model>.');

/** A module's patch: one edit of the sequence of `handler`. */
export const modulePatchSchema = z.union([
  addPatch.extend({ handler: handlerField }),
  removePatch.extend({ handler: handlerField }),
  replacePatch.extend({ handler: handlerField }),
  configurePatch.extend({ handler: handlerField }),
]);

export type SequencePatch = z.output<typeof sequencePatchSchema>;
export type SequencePatchInput = z.input<typeof sequencePatchSchema>;
export type ModulePatchInput = z.input<typeof modulePatchSchema>;
export type StepAnchor = z.output<typeof stepAnchorSchema>;
