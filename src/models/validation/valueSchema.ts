import { z } from 'zod';
import type { CompiledProperty } from '../../profiles/definitions/CompiledDefinition.js';
import { cardNumberSchema } from '../sensitive/cardNumber.js';
import type { ModelPropertyFile } from '../files/modelFileSchema.js';

type Scalar = string | number | boolean;

function enumSchema(values: readonly Scalar[]): z.ZodType {
  if (values.every((v) => typeof v === 'string')) return z.enum(values as [string, ...string[]]);
  const literals = values.map((v) => z.literal(v));
  return literals.length === 1 ? (literals[0] as z.ZodType) : z.union(literals as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
}

function stringSchema(property: CompiledProperty, constraints: ModelPropertyFile): z.ZodType {
  let schema = constraints.format === 'email' ? z.email() : z.string();
  const min = constraints.minLength ?? (property.isKey ? 1 : undefined);
  if (min !== undefined) schema = schema.min(min, min === 1 ? 'cannot be empty' : `is shorter than ${min} characters`);
  const max = Math.min(constraints.maxLength ?? Infinity, property.maxLength ?? 255);
  schema = schema.max(max, `is longer than ${max} characters`);
  if (constraints.pattern !== undefined) schema = schema.regex(new RegExp(`^(?:${constraints.pattern})$`), `must match ${constraints.pattern}`);
  return schema;
}

function numberSchema(constraints: ModelPropertyFile): z.ZodType {
  let schema = constraints.integer ? z.number().int() : z.number();
  if (constraints.minimum !== undefined) schema = schema.min(constraints.minimum);
  if (constraints.maximum !== undefined) schema = schema.max(constraints.maximum);
  return schema;
}

/**
 * How a request may give a value of an entity property: the profile property's type (`referenced`: the primary key
 * of what a reference names) narrowed by the model's constraints. Datetimes travel as ISO 8601 text.
 */
export function valueSchema(property: CompiledProperty, constraints: ModelPropertyFile, referenced?: CompiledProperty): z.ZodType {
  if (constraints.sensitive === 'cardNumber') return cardNumberSchema;
  if (constraints.enum) return enumSchema(constraints.enum);
  switch (property.type) {
    case 'string':
      return stringSchema(property, constraints);
    case 'number':
      return numberSchema(constraints);
    case 'boolean':
      return z.boolean();
    case 'datetime':
      return z.iso.datetime();
    case 'profile':
      if (!referenced || property.multiValued) return z.never();
      return referenced.type === 'number' ? z.number() : z.string().min(1).max(referenced.maxLength ?? 255);
  }
}
