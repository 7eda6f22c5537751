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
  readonly rules?: Partial<Record<OperationName, (operation: CommerceOperation<any>) => ValidationError[]>>;
}

/** `PreferredAddress` → `preferredAddress`: where a relationship appears in an entity. */
export function relationshipProperty(relationshipName: string): string {
  return relationshipName.charAt(0).toLowerCase() + relationshipName.slice(1);
}
