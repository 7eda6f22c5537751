import type { PropertyType } from '../../profiles/definitions/profileDefinitionSchema.js';

/** How one entity property is stored: in which profile property, and who may write it. */
export interface PropertyMapping {
  readonly profile: string;
  /** The profile property's type. */
  readonly type: PropertyType;
  /** The type of its values: its type, or for a reference the type of the referenced primary key. */
  readonly valueType: PropertyType;
  /** Responses carry it; requests may not set it. */
  readonly readOnly: boolean;
  /** A reference a relationship holds (`preferredAddressId` → PreferredAddress): its processor sets it. */
  readonly relationship?: string;
  /** A reference behind no relationship (a card's `billingAddressId`): the profile type it names, which must exist. */
  readonly references?: string;
  /** The model stored in that profile type, for faults: a request names models (UserProfile), not definitions (UserObject). */
  readonly referencedModel?: string;
  /** Stored encrypted and answered masked; the entity property that keeps its last four digits. */
  readonly cardNumber?: { readonly lastFourDigits: string };
  /** What a new entity takes when the request gives nothing. */
  readonly default?: string | number | boolean;
  readonly required: boolean;
  /** A key of the profile (PRIMARY, UNIQUE, …): it identifies one entity. */
  readonly key: boolean;
  /** Searches may compare it (keys always may). */
  readonly searchable: boolean;
}

/** A relationship of a model, stored in one reference property of the parent's profile. */
export interface RelationshipMapping {
  readonly name: string;
  /** The related items' model. */
  readonly model: ModelMapping;
  readonly profileProperty: string;
  readonly many: boolean;
  /** Items nothing else uses any more are deleted with the parent, or when the parent lets go of them. */
  readonly deleteWhenUnused: boolean;
  /** A single relationship whose item is also one of this list relationship's items (the preferred address). */
  readonly oneOf?: string;
}

/** A model stored as profiles of one definition: its properties and relationships. */
export interface ModelMapping {
  readonly modelName: string;
  readonly profileType: string;
  /** Entity property → how it is stored; `id` maps the PRIMARY key. */
  readonly properties: Readonly<Record<string, PropertyMapping>>;
  readonly relationships: Readonly<Record<string, RelationshipMapping>>;
  /** An Update or a Delete may name its entities by a search (many at once), not only by one key. */
  readonly bulk: boolean;
}

export type EntityValues = Record<string, unknown>;

/** How an entity property is stored; an own property only, so that a name such as `constructor` maps nothing. */
export function mappedProperty(mapping: ModelMapping, property: string): PropertyMapping | undefined {
  return Object.hasOwn(mapping.properties, property) ? mapping.properties[property] : undefined;
}

/** The relationship of that name; an own property only. */
export function relationshipOf(mapping: ModelMapping, name: string): RelationshipMapping | undefined {
  return Object.hasOwn(mapping.relationships, name) ? mapping.relationships[name] : undefined;
}

/** The entity property a profile property is mapped to. */
export function entityPropertyOf(mapping: ModelMapping, profileProperty: string): string | undefined {
  return Object.entries(mapping.properties).find(([, target]) => target.profile === profileProperty)?.[0];
}
