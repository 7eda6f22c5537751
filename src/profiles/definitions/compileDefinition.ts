import {
  type CompiledDefinition,
  type CompiledProperty,
} from './CompiledDefinition.js';
import type { KeyKind, ProfileDefinition, ProfilePropertyDefinition } from './profileDefinitionSchema.js';
import { snakeCase } from './snakeCase.js';

export function tableOf(definition: ProfileDefinition): string {
  return definition.table ?? snakeCase(definition.name);
}

export function columnOf(property: ProfilePropertyDefinition): string {
  return property.column ?? snakeCase(property.name.slice(property.name.indexOf('.') + 1));
}

function keySet(keys: readonly KeyKind[]): Set<KeyKind> {
  const set = new Set(keys);
  if (set.has('DUAL')) set.add('PRIMARY').add('JOIN');
  if (set.size > 0) set.add('UNIQUE');
  return set;
}

function compileProperty(table: string, property: ProfilePropertyDefinition): CompiledProperty {
  const keys = keySet(property.keys);
  const column = columnOf(property);
  return {
    name: property.name,
    type: property.type,
    column,
    keys,
    isKey: keys.size > 0,
    immutable: keys.has('PRIMARY') || keys.has('JOIN') || keys.has('HASHING'),
    required: property.required || keys.size > 0,
    maxLength: property.type === 'string' ? (property.maxLength ?? 255) : undefined,
    references: property.references,
    multiValued: property.multiValued,
    indexed: keys.size > 0 || property.type === 'profile' || property.indexed,
    linkTable: property.multiValued ? `${table}_${column}` : undefined,
  };
}

function only(properties: readonly CompiledProperty[], key: KeyKind, definition: string): CompiledProperty {
  const found = properties.find((p) => p.keys.has(key));
  if (!found) throw new Error(`${definition} has no ${key} key`);
  return found;
}

/** Turns a checked definition into the form the store and the cache use. */
export function compileDefinition(definition: ProfileDefinition, file: string): CompiledDefinition {
  const table = tableOf(definition);
  const properties = definition.properties.map((p) => compileProperty(table, p));
  return {
    name: definition.name,
    file,
    table,
    properties,
    byName: new Map(properties.map((p) => [p.name, p])),
    primary: only(properties, 'PRIMARY', definition.name),
    join: only(properties, 'JOIN', definition.name),
    hashing: properties.find((p) => p.keys.has('HASHING')),
    keyProperties: properties.filter((p) => p.isKey),
    columnProperties: properties.filter((p) => !p.multiValued),
    listProperties: properties.filter((p) => p.multiValued),
  };
}
