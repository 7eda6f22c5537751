import type { ModelMapping, PropertyMapping, RelationshipMapping } from './ModelMapping.js';
import { builtInModelMappings, userProfileRelationshipSpecs } from './userProfileMappings.js';

export type ModelExtensions = ReadonlyMap<string, Readonly<Record<string, PropertyMapping>>>;

/** The effective mappings: the built-in ones, with the properties the app's config/models files add. */
export class ModelMappings {
  private readonly models: ReadonlyMap<string, ModelMapping>;
  private readonly relationships: ReadonlyMap<string, RelationshipMapping>;

  constructor(extensions: ModelExtensions = new Map()) {
    this.models = new Map(
      builtInModelMappings.map((m) => [m.modelName, { ...m, properties: { ...m.properties, ...extensions.get(m.modelName) } }]),
    );
    this.relationships = new Map(userProfileRelationshipSpecs.map(({ modelName, ...spec }) => [spec.name, { ...spec, model: this.model(modelName) }]));
  }

  model(name: string): ModelMapping {
    const found = this.models.get(name);
    if (!found) throw new Error(`no model mapping for ${name}`);
    return found;
  }

  get userProfile(): ModelMapping {
    return this.model('UserProfile');
  }

  relationship(name: string): RelationshipMapping | undefined {
    return this.relationships.get(name);
  }

  relationshipsNamed(names: readonly string[]): RelationshipMapping[] {
    return names.map((name) => {
      const found = this.relationships.get(name);
      if (!found) throw new Error(`UserProfile has no relationship ${name}`);
      return found;
    });
  }

  allRelationships(): RelationshipMapping[] {
    return [...this.relationships.values()];
  }
}
