import { z } from 'zod';

export const keyKinds = ['PRIMARY', 'JOIN', 'DUAL', 'UNIQUE', 'HASHING'] as const;
export type KeyKind = (typeof keyKinds)[number];

export const propertyTypes = ['string', 'number', 'boolean', 'datetime', 'profile'] as const;
export type PropertyType = (typeof propertyTypes)[number];

export const definitionNamePattern = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const sqlName = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'must be lower-case letters, digits and _ (at most 48)');

export const profilePropertySchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/, 'must be Group.property')
    .describe('Group.property, e.g. GeneralInfo.email_address.'),
  type: z.enum(propertyTypes).describe('profile: a reference to profiles of another definition (`references`).'),
  keys: z.array(z.enum(keyKinds)).default([]).describe('PRIMARY, JOIN, DUAL (both), UNIQUE, HASHING.'),
  required: z.boolean().default(false).describe('A value must be given before the profile is stored.'),
  maxLength: z.number().int().min(1).max(65535).optional().describe('Strings only; default 255.'),
  references: z
    .string()
    .regex(definitionNamePattern)
    .optional()
    .describe('type profile: the referenced definition; values are its PRIMARY key values.'),
  multiValued: z.boolean().default(false).describe('type profile: a list of references, stored in a link table.'),
  indexed: z
    .boolean()
    .default(false)
    .describe('Give the column an index (created by migration, never dropped): for the searches that compare or sort by it. Keys and references have one already.'),
  column: sqlName.optional().describe('The column (or link table suffix); default the part after the group.'),
  description: z.string().optional().describe('A note for readers; not used.'),
});

export const profileDefinitionSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().regex(definitionNamePattern, 'must be a letter, then letters or digits').describe('The profile type, as models and the Profiles API name it; the file is named after it.'),
    table: sqlName.optional().describe('The table; default the name in snake_case.'),
    description: z.string().optional().describe('A note for readers; not used.'),
    properties: z.array(profilePropertySchema).min(1).describe('The properties, Group.property each; exactly one PRIMARY and one JOIN key (DUAL is both).'),
  })
  .describe('A profile definition: config/profiles/<Name>.json');

export type ProfilePropertyDefinition = z.output<typeof profilePropertySchema>;
export type ProfileDefinition = z.output<typeof profileDefinitionSchema>;
export type ProfileDefinitionInput = z.input<typeof profileDefinitionSchema>;
