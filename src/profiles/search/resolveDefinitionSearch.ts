import type { ValidationError } from '../../faults/ValidationFault.js';
import type { CompiledDefinition } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { ProfileSearchOptions, ResolvedSearch } from './ProfileSearch.js';
import { resolveSearch } from './resolveSearch.js';

function pageErrors(options: ProfileSearchOptions): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const name of ['offset', 'limit'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) errors.push({ property: name, errorMessage: 'must be a whole number, 0 or more' });
  }
  return errors;
}

/** A search of the Profiles API resolved against a definition: it may compare and sort by any property stored in the profile's row. */
export function resolveDefinitionSearch(definition: CompiledDefinition, definitions: DefinitionSet, options: ProfileSearchOptions): { search?: ResolvedSearch; errors: ValidationError[] } {
  const stored = (name: string) => {
    const property = definition.byName.get(name);
    if (!property) return `${definition.name} has no property ${name}`;
    return property.multiValued ? `${name} is a list: search the profiles it references instead` : property;
  };
  const { search, errors } = resolveSearch(
    { filter: options.filter, filterPath: 'filter', sort: options.sort, sortPath: 'sort', offset: options.offset, limit: options.limit, count: options.count },
    {
      filterProperty(name) {
        const property = stored(name);
        if (typeof property === 'string') return { error: property };
        return { property, valueType: property.references ? definitions.referencedPrimary(property).type : property.type };
      },
      sortProperty: stored,
    },
  );
  const all = [...pageErrors(options), ...errors];
  return all.length || !search ? { errors: all } : { search, errors: [] };
}
