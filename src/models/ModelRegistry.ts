import { z } from 'zod';
import { relationshipProperty, type ModelDefinition } from './ModelDefinition.js';

export interface RegisteredModel {
  readonly definition: ModelDefinition;
  /** The entity's own properties but `modelName`, each optional, no other allowed: for examples and values in requests. */
  readonly valuesSchema: z.ZodType;
  readonly propertyNames: ReadonlySet<string>;
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
    this.models.set(definition.name, {
      definition,
      valuesSchema: own.partial().strict(),
      propertyNames: new Set(Object.keys(own.shape)),
    });
  }

  get(name: string): RegisteredModel | undefined {
    return this.models.get(name);
  }

  names(): string[] {
    return [...this.models.keys()];
  }
}
