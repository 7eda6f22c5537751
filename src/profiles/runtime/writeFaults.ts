import { DatabaseError } from '../../errors/DatabaseError.js';
import { ItemAlreadyExistsFault } from '../../faults/ItemAlreadyExistsFault.js';
import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import type { ValidationError } from '../../faults/ValidationFault.js';
import type { Dialect } from '../../storage/dialects/Dialect.js';
import { identifier } from '../../storage/identifier.js';
import { withArticle } from '../../util/withArticle.js';
import type { CompiledDefinition, CompiledProperty } from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../store/ProfileRecord.js';

/** A key value is taken: the message names the property, never the value (which may be an email). */
export function keyTakenFault(definition: CompiledDefinition, property: CompiledProperty, cause?: unknown): ItemAlreadyExistsFault {
  const options = cause === undefined ? { property: property.name } : { property: property.name, cause: DatabaseError.from(cause) };
  return new ItemAlreadyExistsFault(`${withArticle(definition.name)} with this ${property.name} already exists`, options);
}

/** The required properties some record leaves empty, each once. */
export function missingRequired(definition: CompiledDefinition, records: readonly ProfileRecord[]): ValidationError[] {
  const errors = new Map<string, ValidationError>();
  for (const record of records) {
    for (const property of definition.properties) {
      if (property.required && (record[property.name] ?? null) === null) {
        errors.set(property.name, { property: property.name, errorMessage: 'is required' });
      }
    }
  }
  return [...errors.values()];
}

/** A unique or foreign key violation from the store becomes the fault it means; any other error stays as it is. */
export function writeFault(dialect: Dialect, error: unknown, definition: CompiledDefinition): unknown {
  const name = dialect.uniqueViolation(error);
  if (name !== undefined) {
    const property =
      definition.keyProperties.find((p) => p.column === name || identifier(definition.table, p.column, 'unique') === name) ?? definition.primary;
    return keyTakenFault(definition, property, error);
  }
  if (dialect.isForeignKeyViolation(error)) {
    const lists = definition.listProperties.map((p) => p.name).join(', ');
    return new ItemDoesNotExistFault(`A profile listed in ${definition.name} (${lists}) does not exist`, { cause: DatabaseError.from(error) });
  }
  return error;
}
