import type { EntityMapper } from './mapping/EntityMapper.js';
import type { ModelMapping } from './mapping/ModelMapping.js';

/** The models stored in profiles, by name, and the mapper between their entities and profiles. */
export class Models {
  private readonly byName: ReadonlyMap<string, ModelMapping>;

  constructor(
    mappings: Iterable<ModelMapping>,
    readonly mapper: EntityMapper,
  ) {
    this.byName = new Map([...mappings].map((m) => [m.modelName, m]));
  }

  /** The model of that name; a model sequence run for a model that is not stored in profiles is a configuration slip. */
  mapping(name: string): ModelMapping {
    const found = this.byName.get(name);
    if (!found) throw new Error(`${name} is no model stored in profiles: declare it in config/models/${name}.json`);
    return found;
  }

  find(name: string): ModelMapping | undefined {
    return this.byName.get(name);
  }

  all(): ModelMapping[] {
    return [...this.byName.values()];
  }
}
