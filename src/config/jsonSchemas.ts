import { z } from 'zod';
import { profileDefinitionSchema } from '../profiles/definitions/profileDefinitionSchema.js';
import { sequenceFileSchema } from '../sequences/sequenceFileSchema.js';
import { modelExtensionSchema } from '../userprofile/mapping/readModelExtensions.js';
import { commerceConfigSchema } from './commerceConfigSchema.js';

function toJsonSchema(schema: z.ZodType, title: string): Record<string, unknown> {
  return { title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
}

/** The JSON Schemas the package ships under `schemas/`, generated from the zod schemas that validate the files. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'sequence.schema.json': toJsonSchema(sequenceFileSchema, 'commerce-foundation operation sequence'),
    'commerce.schema.json': toJsonSchema(commerceConfigSchema, 'commerce-foundation config/commerce.json'),
    'profile-definition.schema.json': toJsonSchema(profileDefinitionSchema, 'commerce-foundation profile definition'),
    'model-extension.schema.json': toJsonSchema(modelExtensionSchema, 'commerce-foundation model extension'),
  };
}

export function jsonSchemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
