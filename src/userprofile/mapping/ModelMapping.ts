import type { PropertyType } from '../../profiles/definitions/profileDefinitionSchema.js';

/** How one entity property is stored: in which profile property, and who may write it. */
export interface PropertyMapping {
  readonly profile: string;
  /** The type the profile property must have: built-in mappings state it, and start-up checks the definition against it. */
  readonly type?: PropertyType;
  /** Responses carry it; requests may not set it. */
  readonly readOnly?: boolean;
  /** A reference that the relationship processors set (preferredAddressId, billingAddressId, …), not the loader. */
  readonly reference?: string;
}

/** A model stored as profiles of one definition. */
export interface ModelMapping {
  readonly modelName: string;
  readonly profileType: string;
  /** Entity property → profile property; `id` maps to the PRIMARY key. */
  readonly properties: Readonly<Record<string, PropertyMapping>>;
}

/** How an entity property is stored; an own property only, so that a name such as `constructor` maps nothing. */
export function mappedProperty(mapping: ModelMapping, property: string): PropertyMapping | undefined {
  return Object.hasOwn(mapping.properties, property) ? mapping.properties[property] : undefined;
}

/** A relationship of a model, stored in one reference property of the parent profile. */
export interface RelationshipMapping {
  readonly name: string;
  readonly model: ModelMapping;
  readonly profileProperty: string;
  readonly many: boolean;
}

export type EntityValues = Record<string, unknown>;
