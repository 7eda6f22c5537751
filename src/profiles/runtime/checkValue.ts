import { ValidationFault } from '../../faults/ValidationFault.js';
import type { CompiledDefinition, CompiledProperty, KeyValue, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { PropertyType } from '../definitions/profileDefinitionSchema.js';

function fault(definition: CompiledDefinition, property: CompiledProperty, message: string): ValidationFault {
  return ValidationFault.of(property.name, `${definition.name}.${property.name} ${message}`);
}

/** Whether `value` can be a key of the given type: a finite number, or a non-empty string. */
export function isKeyValue(value: unknown, type: PropertyType): value is KeyValue {
  return type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string' && value !== '';
}

/**
 * Checks a value against its property and answers it in stored form (datetimes as Date); a bad value is a
 * ValidationFault naming the property. `keyType` is the type of the primary key a reference holds.
 */
export function checkValue(
  definition: CompiledDefinition,
  property: CompiledProperty,
  value: unknown,
  keyType: PropertyType | undefined,
): ProfileValue {
  if (value === null || value === undefined) {
    if (property.isKey) throw fault(definition, property, 'is a key: its value cannot be null');
    return property.multiValued ? [] : null;
  }
  switch (property.type) {
    case 'string':
      if (typeof value !== 'string') throw fault(definition, property, 'must be a string');
      if (value.length > (property.maxLength ?? Infinity)) throw fault(definition, property, `is longer than ${property.maxLength} characters`);
      if (property.isKey && value === '') throw fault(definition, property, 'is a key: its value cannot be empty');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fault(definition, property, 'must be a finite number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw fault(definition, property, 'must be true or false');
      return value;
    case 'datetime': {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw fault(definition, property, 'must be a Date or an ISO 8601 date-time');
      return date;
    }
    case 'profile': {
      const type = keyType ?? 'string';
      if (!property.multiValued) {
        if (!isKeyValue(value, type)) throw fault(definition, property, `must be a ${property.references} key (a ${type})`);
        return value;
      }
      if (!Array.isArray(value) || !value.every((v) => isKeyValue(v, type))) {
        throw fault(definition, property, `must be a list of ${property.references} keys (each a ${type})`);
      }
      if (new Set(value).size !== value.length) throw fault(definition, property, 'lists a profile twice');
      return [...value];
    }
  }
}
