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
    // An optional value may be cleared; not a key, a required or read-only one, nor a card number (its last four
    // digits go with it). A reference a relationship holds (`preferredAddressId`) is cleared by that relationship's
    // processor, as if its item were removed from the relationship (RelatedItemChanges).
    clearable: Object.entries(mapping.properties)
      .filter(([, p]) => !p.key && !p.required && !p.readOnly && !p.cardNumber)
      .map(([name]) => name),
    rules: modelRules(mapping, canStoreCardNumbers),
  };
}
