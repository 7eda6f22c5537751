import { z } from 'zod';
import { propertyTypes } from '../../profiles/definitions/profileDefinitionSchema.js';
import { modelNamePattern } from '../../requests/requestJsonSchema.js';

export const entityPropertyPattern = /^[a-z][A-Za-z0-9]{0,63}$/;
const entityProperty = z.string().regex(entityPropertyPattern, 'must be an entity property name (camelCase)');
const modelName = z.string().regex(modelNamePattern, 'must be a model name: a letter, then letters or digits');
const profileProperty = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/, 'must be Group.property');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const modelPropertySchema = z.strictObject({
  profile: profileProperty.describe('The profile property (Group.property) the value is stored in.'),
  type: z.enum(propertyTypes).optional().describe('The type the profile property must have; checked at start-up when given.'),
  references: z
    .string()
    .regex(modelNamePattern)
    .optional()
    .describe('A reference: the profile definition it must name; checked at start-up when given.'),
  required: z.boolean().optional().describe('A new entity must have it (a Create, or a related item created).'),
  minLength: z.number().int().min(0).optional().describe('Strings: the fewest characters.'),
  maxLength: z.number().int().min(1).optional().describe("Strings: the most characters (at most the profile property's own)."),
  pattern: z.string().optional().describe('Strings: a regular expression the whole value must match.'),
  format: z.enum(['email']).optional().describe('Strings: a format the value must have.'),
  minimum: z.number().optional().describe('Numbers: the smallest value.'),
  maximum: z.number().optional().describe('Numbers: the largest value.'),
  integer: z.boolean().optional().describe('Numbers: whole numbers only.'),
  enum: z.array(scalar).min(1).optional().describe('The only values allowed.'),
  default: scalar.optional().describe('The value a new entity takes when none is given.'),
  readOnly: z.boolean().optional().describe('Set by the system: responses carry it, requests may not write it.'),
  searchable: z.boolean().optional().describe('Queries may search by it (keys always are).'),
  sensitive: z
    .enum(['cardNumber'])
    .optional()
    .describe('cardNumber: stored encrypted (AES-256-GCM, encryptionKey), never logged, answered masked.'),
  lastFourDigits: entityProperty
    .optional()
    .describe('With sensitive cardNumber: the entity property (read-only) that keeps the last four digits.'),
  description: z.string().optional().describe('A note for readers; not used.'),
});

export const modelRelationshipSchema = z.strictObject({
  model: modelName.describe("The related items' model."),
  profile: profileProperty.describe('The reference property of this profile definition that holds them.'),
  single: z.boolean().optional().describe('One item (a single-valued reference), not a list.'),
  deleteWhenUnused: z.boolean().optional().describe('A Delete (or a removal) deletes an item nothing else uses any more.'),
  oneOf: modelName.optional().describe('A single relationship whose item is also one of the items of this list relationship.'),
  description: z.string().optional().describe('A note for readers; not used.'),
});

export const modelFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: modelName.optional().describe('The model name requests use; default the file name.'),
    profile: z
      .string()
      .regex(modelNamePattern)
      .optional()
      .describe('The profile definition the model is stored in. Without it, the file adds properties to a model declared elsewhere.'),
    description: z.string().optional().describe('A note for readers; not used.'),
    bulk: z
      .boolean()
      .optional()
      .describe('An Update or a Delete may name its entities by a search (searchCriteria.model and filter), many at once; without it, by one key only.'),
    properties: z
      .record(entityProperty, z.union([profileProperty, modelPropertySchema]))
      .default({})
      .describe('Entity property → its profile property (Group.property), or an object with the constraints.'),
    relationships: z.record(modelName, modelRelationshipSchema).default({}).describe('Relationship name → where its items are held.'),
  })
  .describe('A model stored in profiles: config/models/<Model>.json');

export type ModelFile = z.output<typeof modelFileSchema>;
export type ModelFileInput = z.input<typeof modelFileSchema>;
export type ModelPropertyFile = z.output<typeof modelPropertySchema>;
export type ModelRelationshipFile = z.output<typeof modelRelationshipSchema>;
