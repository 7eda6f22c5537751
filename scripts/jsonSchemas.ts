import { z } from 'zod';
import { modelFileSchema } from '../src/models/files/modelFileSchema.js';
import { profileDefinitionSchema } from '../src/profiles/definitions/profileDefinitionSchema.js';
import { sequenceFileSchema } from '../src/sequences/sequenceFileSchema.js';
import { sequencePatchFileSchema } from '../src/sequences/sequencePatchSchema.js';
import { commerceConfigSchema } from '../src/config/commerceConfigSchema.js';
import { authorizationConfigSchema } from '../src/authorization/authorizationConfigSchema.js';

function toJsonSchema(schema: z.ZodType, title: string): Record<string, unknown> {
  return { title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
}

/** The JSON Schemas the package ships under `schemas/`, generated from the zod schemas that validate the files. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'sequence.schema.json': toJsonSchema(sequenceFileSchema, 'commerce-foundation operation sequence'),
    'sequence-patch.schema.json': toJsonSchema(sequencePatchFileSchema, 'commerce-foundation sequence patch'),
    'commerce.schema.json': toJsonSchema(commerceConfigSchema, 'commerce-foundation config/commerce.json'),
    'profile-definition.schema.json': toJsonSchema(profileDefinitionSchema, 'commerce-foundation profile definition'),
    'model.schema.json': toJsonSchema(modelFileSchema, 'commerce-foundation model'),
    'authorization.schema.json': toJsonSchema(authorizationConfigSchema, 'commerce-foundation config/authorization.json'),
    // The name files written for the first release point at: the model format reads them as before.
    'model-extension.schema.json': toJsonSchema(modelFileSchema, 'commerce-foundation model'),
  };
}

export function jsonSchemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
