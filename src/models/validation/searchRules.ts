import type { ValidationError } from '../../faults/ValidationFault.js';
import { resolveFilter } from '../../profiles/search/resolveFilter.js';
import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';
import { mappedProperty, type EntityValues, type ModelMapping } from '../mapping/ModelMapping.js';
import { givenProperties } from '../mapping/profileSearchOf.js';

function searchableNames(mapping: ModelMapping): string {
  return Object.entries(mapping.properties).filter(([, p]) => p.searchable).map(([name]) => name).join(', ');
}

/**
 * What a search of a model may name: its searchable properties (keys always are) in the model and in the filter,
 * each operator one the property's type takes, values of that type; any stored property but a card number to sort by.
 * Each problem names its path, before any SQL.
 */
export function searchErrors(mapping: ModelMapping, search: CommerceModelSearch<EntityValues> | undefined, path = 'searchCriteria'): ValidationError[] {
  if (!search) return [];
  const errors: ValidationError[] = [];
  const notSearchable = (name: string) => `${name} is not searchable; ${mapping.modelName} can be searched by ${searchableNames(mapping)}`;
  for (const name of givenProperties(search.model)) {
    const property = mappedProperty(mapping, name);
    if (property && !property.searchable) errors.push({ property: `${path}.model.${name}`, errorMessage: notSearchable(name) });
  }
  if (search.filter !== undefined) {
    const resolved = resolveFilter(search.filter, `${path}.filter`, (name) => {
      const property = mappedProperty(mapping, name);
      if (!property) return { error: `${mapping.modelName} has no property ${name}` };
      return property.searchable ? { property, valueType: property.valueType } : { error: notSearchable(name) };
    });
    errors.push(...resolved.errors);
  }
  search.sortProperties.forEach(({ property: name }, i) => {
    if (mappedProperty(mapping, name)?.cardNumber) errors.push({ property: `${path}.sortProperties[${i}]`, errorMessage: `${name} is stored encrypted: nothing can be sorted by it` });
  });
  return errors;
}
