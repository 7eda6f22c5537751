import { ValidationFault } from '../../faults/ValidationFault.js';
import type { CompiledDefinition, CompiledProperty } from './CompiledDefinition.js';

export interface Reference {
  readonly from: CompiledDefinition;
  readonly property: CompiledProperty;
}

/** Every profile definition in use, and which properties reference each. */
export class DefinitionSet {
  private readonly byName: ReadonlyMap<string, CompiledDefinition>;
  private readonly referencesTo = new Map<string, Reference[]>();

  constructor(definitions: readonly CompiledDefinition[]) {
    this.byName = new Map(definitions.map((d) => [d.name, d]));
    for (const from of definitions) {
      for (const property of from.properties) {
        if (!property.references) continue;
        const list = this.referencesTo.get(property.references) ?? [];
        list.push({ from, property });
        this.referencesTo.set(property.references, list);
      }
    }
  }

  all(): CompiledDefinition[] {
    return [...this.byName.values()];
  }

  find(name: string): CompiledDefinition | undefined {
    return this.byName.get(name);
  }

  /** The definition of a profile type; an unknown type is a fault naming the known ones. */
  get(name: string): CompiledDefinition {
    const definition = this.byName.get(name);
    if (!definition) {
      throw ValidationFault.of('profileType', `${name} is no profile definition; known: ${[...this.byName.keys()].join(', ')}`);
    }
    return definition;
  }

  /** The properties, of any definition, whose values are primary keys of `name`. */
  referencing(name: string): readonly Reference[] {
    return this.referencesTo.get(name) ?? [];
  }

  /** The multi-valued references to `name`: link tables that may list its profiles. */
  linksTo(name: string): Reference[] {
    return this.referencing(name).filter(({ property }) => property.multiValued);
  }

  /** The single-valued references to `name`: columns that may hold its primary keys. */
  singleReferencesTo(name: string): Reference[] {
    return this.referencing(name).filter(({ property }) => !property.multiValued);
  }

  referencedPrimary(property: CompiledProperty): CompiledProperty {
    return this.get(property.references ?? '').primary;
  }
}
