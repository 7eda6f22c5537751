/** An entity is a plain, JSON-serialisable property bag named by its model. */
export interface CommerceEntity {
  modelName: string;
  id?: string | undefined;
  [property: string]: unknown;
}

/**
 * The values a Create or an Update writes: any of the entity's properties, or null for an optional one, which stores
 * no value (an Update clears the one there was). Keys, required and read-only properties refuse null.
 */
export type WritableValues<T> = { [K in keyof T]?: T[K] | null };
