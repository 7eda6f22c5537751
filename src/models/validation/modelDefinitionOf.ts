import { z } from 'zod';
import type { ModelDefinition } from '../ModelDefinition.js';
import type { CompiledModel } from '../files/compileModels.js';
import { modelRules } from './modelRules.js';

/** A model stored in profiles as the request validation knows models: its values, relationships and rules. */
export function modelDefinitionOf(model: CompiledModel, canStoreCardNumbers: boolean): ModelDefinition {
  const { mapping } = model;
  return {
    name: mapping.modelName,
    schema: z.object(model.valueSchemas),
    relationships: Object.fromEntries(Object.values(mapping.relationships).map((r) => [r.name, { modelName: r.model.modelName, many: r.many }])),
    rules: modelRules(mapping, canStoreCardNumbers),
  };
}
