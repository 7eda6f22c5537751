import type { z } from 'zod';
import type { ValidationError } from '../faults/ValidationFault.js';
import type { CommerceOperation, OperationName } from '../requests/CommerceOperation.js';

export interface RelationshipDefinition {
  /** The related items' model. */
  readonly modelName: string;
  /** A list (`Addresses`) or a single item (`PreferredAddress`). */
  readonly many: boolean;
}

/** A model that requests can name: its entity schema, its relationships and the rules shape alone cannot state. */
export interface ModelDefinition {
  readonly name: string;
  /** The entity's properties; requests may use any of them, and no other. */
  readonly schema: z.ZodObject;
  readonly relationships: Readonly<Record<string, RelationshipDefinition>>;
  /** Properties a Create or an Update may give as null: no value is stored (an Update clears the one there was). */
  readonly clearable?: readonly string[];
  readonly rules?: Partial<Record<OperationName, (operation: CommerceOperation<object>) => ValidationError[]>>;
}

/** The relationship of that name: an own property only, so that a name such as `constructor` names none. */
export function relationshipNamed(definition: ModelDefinition, name: string): RelationshipDefinition | undefined {
  return Object.hasOwn(definition.relationships, name) ? definition.relationships[name] : undefined;
}

/** relationshipProperty's answers: relationship names are few (a model's), and each response asks again. */
const propertyOfRelationship = new Map<string, string>();

/** `PreferredAddress` → `preferredAddress`: where a relationship appears in an entity. */
export function relationshipProperty(relationshipName: string): string {
  let property = propertyOfRelationship.get(relationshipName);
  if (property === undefined) {
    property = relationshipName.charAt(0).toLowerCase() + relationshipName.slice(1);
    // Callers pass the names of models' relationships; a bound keeps any other use from growing it.
    if (propertyOfRelationship.size >= 1024) propertyOfRelationship.clear();
    propertyOfRelationship.set(relationshipName, property);
  }
  return property;
}
