import { ValidationFault } from '../../faults/ValidationFault.js';
import { isWellFormedText, notWellFormedText } from '../../util/isWellFormedText.js';
import type { CompiledProperty, KeyValue, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { PropertyType } from '../definitions/profileDefinitionSchema.js';

/** The message says what is wrong, never the value; the property names whose value it is (a caller may rename it). */
function fault(property: CompiledProperty, message: string): ValidationFault {
  return ValidationFault.of(property.name, message);
}

/** Whether `value` can be a key of the given type: a finite number, or a non-empty string of well-formed text. */
export function isKeyValue(value: unknown, type: PropertyType): value is KeyValue {
  return type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string' && value !== '' && isWellFormedText(value);
}

/** What a key value of the type must be, for messages. */
export function keyValueKind(type: PropertyType): string {
  return type === 'number' ? 'a finite number' : 'a non-empty string of well-formed Unicode text';
}

/**
 * Checks a value against its property and answers it in stored form (datetimes as Date); a bad value is a
 * ValidationFault naming the property. `keyType` is the type of the primary key a reference holds.
 */
export function checkValue(
  property: CompiledProperty,
  value: unknown,
  keyType: PropertyType | undefined,
): ProfileValue {
  if (value === null || value === undefined) {
    if (property.isKey) throw fault(property, 'is a key: its value cannot be null');
    return property.multiValued ? [] : null;
  }
  switch (property.type) {
    case 'string':
      if (typeof value !== 'string') throw fault(property, 'must be a string');
      if (!isWellFormedText(value)) throw fault(property, notWellFormedText);
      if (property.maxLength !== undefined && value.length > property.maxLength) throw fault(property, `is longer than ${property.maxLength} characters`);
      if (property.isKey && value === '') throw fault(property, 'is a key: its value cannot be empty');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fault(property, 'must be a finite number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw fault(property, 'must be true or false');
      return value;
    case 'datetime': {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw fault(property, 'must be a Date or an ISO 8601 date-time');
      return date;
    }
    case 'profile': {
      const type = keyType ?? 'string';
      const referenced = property.references ?? 'profile';
      if (!property.multiValued) {
        if (!isKeyValue(value, type)) throw fault(property, `must be a ${referenced} key (${keyValueKind(type)})`);
        return value;
      }
      if (!Array.isArray(value) || !value.every((v) => isKeyValue(v, type))) {
        throw fault(property, `must be a list of ${referenced} keys (each ${keyValueKind(type)})`);
      }
      if (new Set(value).size !== value.length) throw fault(property, 'lists a profile twice');
      return [...value];
    }
  }
}
