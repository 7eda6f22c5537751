import { z } from 'zod';
import type { CompiledProperty } from '../../profiles/definitions/CompiledDefinition.js';
import { cardNumberSchema } from '../sensitive/cardNumber.js';
import type { ModelPropertyFile } from '../files/modelFileSchema.js';

type Scalar = string | number | boolean;

/** A check that answers true only for a value its schema surely accepts; false means only "not sure". */
export type SureCheck = (value: unknown) => boolean;

/**
 * The sure check of each schema valueSchema made (see sureCheckOf). A request's values are checked with these first:
 * a few comparisons where zod's safeParse runs its whole machinery, which costs little in a loop but several times
 * more inside an operation, its code no longer in the CPU's caches. Each is at least as strict as its schema, never
 * less (test/unit/sureChecks.test.ts tries both on the same values); what it is not sure of, the schema decides.
 */
const sureChecks = new WeakMap<z.ZodType, SureCheck>();

/** The sure check of a schema valueSchema made; none for other schemas (a model defined in code) or for kinds it leaves to zod. */
export const sureCheckOf = (schema: z.ZodType): SureCheck | undefined => sureChecks.get(schema);

function withCheck(schema: z.ZodType, check: SureCheck): z.ZodType {
  sureChecks.set(schema, check);
  return schema;
}

function enumSchema(values: readonly Scalar[]): z.ZodType {
  const allowed = new Set<unknown>(values);
  if (values.every((v) => typeof v === 'string')) return withCheck(z.enum(values as [string, ...string[]]), (value) => allowed.has(value));
  const literals = values.map((v) => z.literal(v));
  const schema = literals.length === 1 ? (literals[0] as z.ZodType) : z.union(literals as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  // A literal compares with ===, as a Set does but for NaN (which no JSON enum holds).
  return withCheck(schema, (value) => allowed.has(value) && value === value);
}

/** Code points, as zod counts text: a high surrogate followed by a low one is one. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/**
 * zod measures text in code points, which are one or two UTF-16 units each: text of at most `max` units surely has at
 * most `max` code points (longer text is left to zod), and text of at least `2 × min` units at least `min`; in between
 * they are counted.
 */
const longEnough = (text: string, min: number) => text.length >= 2 * min || (text.length >= min && codePoints(text) >= min);

function stringSchema(property: CompiledProperty, constraints: ModelPropertyFile): z.ZodType {
  const email = constraints.format === 'email';
  let schema = email ? z.email() : z.string();
  const min = constraints.minLength ?? (property.isKey ? 1 : undefined);
  if (min !== undefined) schema = schema.min(min, min === 1 ? 'cannot be empty' : `is shorter than ${min} characters`);
  const max = Math.min(constraints.maxLength ?? Infinity, property.maxLength ?? 255);
  schema = schema.max(max, `is longer than ${max} characters`);
  let pattern: RegExp | undefined;
  if (constraints.pattern !== undefined) {
    pattern = new RegExp(`^(?:${constraints.pattern})$`);
    schema = schema.regex(pattern, `must match ${constraints.pattern}`);
  }
  // z.email() tests its text with z.regexes.email.
  const format = email ? z.regexes.email : undefined;
  return withCheck(
    schema,
    (value) =>
      typeof value === 'string' &&
      value.length <= max &&
      (min === undefined || longEnough(value, min)) &&
      (format === undefined || format.test(value)) &&
      (pattern === undefined || pattern.test(value)),
  );
}

function numberSchema(constraints: ModelPropertyFile): z.ZodType {
  let schema = constraints.integer ? z.number().int() : z.number();
  const { integer, minimum, maximum } = constraints;
  if (minimum !== undefined) schema = schema.min(minimum);
  if (maximum !== undefined) schema = schema.max(maximum);
  // z.number() refuses NaN and the infinities; .int() what is not a safe integer.
  return withCheck(
    schema,
    (value) =>
      typeof value === 'number' &&
      (integer ? Number.isSafeInteger(value) : Number.isFinite(value)) &&
      (minimum === undefined || value >= minimum) &&
      (maximum === undefined || value <= maximum),
  );
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
      return withCheck(z.boolean(), (value) => typeof value === 'boolean');
    case 'datetime':
      return z.iso.datetime();
    case 'profile': {
      if (!referenced || property.multiValued) return z.never();
      if (referenced.type === 'number') return withCheck(z.number(), (value) => typeof value === 'number' && Number.isFinite(value));
      const max = referenced.maxLength ?? 255;
      return withCheck(z.string().min(1).max(max), (value) => typeof value === 'string' && value.length >= 1 && value.length <= max);
    }
  }
}
