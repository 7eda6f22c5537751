/** An entity is a plain, JSON-serialisable property bag named by its model. */
export interface CommerceEntity {
  modelName: string;
  id?: string | undefined;
  [property: string]: unknown;
}
