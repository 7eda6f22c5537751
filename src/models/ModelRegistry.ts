import { z } from 'zod';
import { relationshipProperty, type ModelDefinition } from './ModelDefinition.js';
import { sureCheckOf, type SureCheck } from './validation/valueSchema.js';

export interface RegisteredModel {
  readonly definition: ModelDefinition;
  /** The entity's own properties but `modelName`, each optional, no other allowed: for examples and values in requests. */
  readonly valuesSchema: z.ZodType;
  readonly propertyNames: ReadonlySet<string>;
  /**
   * For each own property, whether a value surely passes its part of valuesSchema: its sure check first (see
   * valueSchema), its schema when the check is not sure or the property has none. False: the value may be wrong.
   */
  readonly valueChecks: ReadonlyMap<string, SureCheck>;
  /** As valuesSchema and valueChecks, for the values a Create or an Update writes: a clearable property takes null too. */
  readonly writeSchema: z.ZodType;
  readonly writeChecks: ReadonlyMap<string, SureCheck>;
}

/** A property's check: its schema's sure check, then the schema itself (`optional`: the values schema's part, which takes undefined too). */
function checkOf(schema: z.ZodType, optional: z.ZodType): SureCheck {
  const sure = sureCheckOf(schema);
  const parse: SureCheck = (value) => optional.safeParse(value).success;
  return sure ? (value) => sure(value) || parse(value) : parse;
}

/** The models requests may name, each with its schemas compiled once. */
export class ModelRegistry {
  private readonly models = new Map<string, RegisteredModel>();

  constructor(definitions: Iterable<ModelDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: ModelDefinition): void {
    const excluded = new Set(['modelName', ...Object.keys(definition.relationships).map(relationshipProperty)]);
    const own = z.object(
      Object.fromEntries(Object.entries(definition.schema.shape).filter(([key]) => !excluded.has(key))),
    );
    const valuesSchema = own.partial().strict();
    const optional = valuesSchema.shape as Record<string, z.ZodType>;
    const valueChecks = new Map(Object.entries(own.shape as Record<string, z.ZodType>).map(([key, schema]) => [key, checkOf(schema, optional[key] ?? schema)]));
    const clearable = new Set((definition.clearable ?? []).filter((key) => valueChecks.has(key)));
    const writeShape = Object.fromEntries(Object.entries(own.shape as Record<string, z.ZodType>).map(([key, schema]) => [key, clearable.has(key) ? schema.nullable() : schema]));
    const writeChecks = new Map(valueChecks);
    for (const key of clearable) {
      const check = valueChecks.get(key);
      if (check) writeChecks.set(key, (value) => value === null || check(value));
    }
    this.models.set(definition.name, {
      definition,
      valuesSchema,
      propertyNames: new Set(Object.keys(own.shape)),
      valueChecks,
      writeSchema: clearable.size ? z.object(writeShape).partial().strict() : valuesSchema,
      writeChecks,
    });
  }

  get(name: string): RegisteredModel | undefined {
    return this.models.get(name);
  }

  names(): string[] {
    return [...this.models.keys()];
  }
}
