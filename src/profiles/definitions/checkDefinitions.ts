import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import { blockedUsersTable } from '../blocked/BlockedUsers.js';
import type { ProfileDefinition } from './profileDefinitionSchema.js';
import { columnOf, tableOf } from './compileDefinition.js';
import { flatMap } from '../../util/flatMap.js';

export interface DefinitionSource {
  readonly file: string;
  readonly definition: ProfileDefinition;
}

const maxKeyLength = 768; // 3072 index bytes / 4 bytes per utf8mb4 character

function countKeys(definition: ProfileDefinition, kinds: readonly string[]): number {
  return definition.properties.filter((p) => p.keys.some((k) => kinds.includes(k))).length;
}

function checkKeys({ file, definition }: DefinitionSource, problems: ConfigurationProblem[]): void {
  const { name } = definition;
  const rule = (path: string, message: string) => problems.push({ file, path, message: `${name}: ${message}` });
  const primaries = countKeys(definition, ['PRIMARY', 'DUAL']);
  const joins = countKeys(definition, ['JOIN', 'DUAL']);
  const hashing = countKeys(definition, ['HASHING']);
  if (primaries !== 1) rule('properties', `exactly one PRIMARY key is required (DUAL counts); found ${primaries}`);
  if (joins !== 1) rule('properties', `exactly one JOIN key is required (DUAL counts); found ${joins}`);
  if (hashing > 1) rule('properties', `at most one HASHING key is allowed; found ${hashing}`);
  definition.properties.forEach((property, i) => {
    const at = `properties[${i}]`;
    const isKey = property.keys.length > 0;
    if (isKey && property.type !== 'string' && property.type !== 'number') {
      rule(`${at}.keys`, `${property.name} is a ${property.type}; only string or number properties can be keys`);
    }
    if (isKey && property.multiValued) rule(`${at}.keys`, `${property.name} is multi-valued and cannot be a key`);
    if (isKey && (property.maxLength ?? 0) > maxKeyLength) {
      rule(`${at}.maxLength`, `${property.name} is a key; its maxLength can be at most ${maxKeyLength}`);
    }
    const duplicated = property.keys.find((k, j) => property.keys.indexOf(k) !== j);
    if (duplicated) rule(`${at}.keys`, `${property.name} lists ${duplicated} twice`);
  });
}

function checkProperties(
  { file, definition }: DefinitionSource,
  known: ReadonlySet<string>,
  problems: ConfigurationProblem[],
): void {
  const { name } = definition;
  const rule = (path: string, message: string) => problems.push({ file, path, message: `${name}: ${message}` });
  const names = new Map<string, number>();
  const columns = new Map<string, string>();
  definition.properties.forEach((property, i) => {
    const at = `properties[${i}]`;
    if (names.has(property.name)) rule(`${at}.name`, `property ${property.name} is defined twice`);
    names.set(property.name, i);
    const column = columnOf(property);
    const clash = columns.get(column);
    if (clash) rule(`${at}.column`, `${property.name} and ${clash} both map to column ${column}; give one a "column"`);
    columns.set(column, property.name);
    if (property.type === 'profile' && !property.references) rule(`${at}.references`, `${property.name} is of type profile and needs "references"`);
    if (property.type !== 'profile' && property.references) rule(`${at}.references`, `only profile properties reference a definition`);
    if (property.references && !known.has(property.references)) {
      rule(`${at}.references`, `${property.name} references ${property.references}, which is no profile definition; known: ${[...known].join(', ')}`);
    }
    if (property.multiValued && property.type !== 'profile') rule(`${at}.multiValued`, `only profile properties can be multi-valued`);
    if (property.maxLength !== undefined && property.type !== 'string') rule(`${at}.maxLength`, `only string properties have a maxLength`);
    if (property.multiValued && `${tableOf(definition)}_${column}`.length > 64) {
      rule(`${at}.column`, `the link table ${tableOf(definition)}_${column} is longer than 64 characters; give a shorter "column"`);
    }
  });
}

/** The tables a definition makes: its own, and a link table per multi-valued reference. */
function tablesMadeBy(definition: ProfileDefinition): { table: string; path: string; what: string; rename: string }[] {
  const table = tableOf(definition);
  return [
    { table, path: 'table', what: `the table of ${definition.name}`, rename: '"table"' },
    ...flatMap(definition.properties, (property, i) =>
      property.multiValued
        ? [{ table: `${table}_${columnOf(property)}`, path: `properties[${i}].column`, what: `the link table of ${definition.name}.${property.name}`, rename: '"column"' }]
        : [],
    ),
  ];
}

/** Every table has one owner: no definition's table or link table is another's, or the framework's own. */
function checkTables(sources: readonly DefinitionSource[], problems: ConfigurationProblem[]): void {
  const owners = new Map<string, string>([[blockedUsersTable, "the framework's blocked-users table"]]);
  for (const { file, definition } of sources) {
    for (const { table, path, what, rename } of tablesMadeBy(definition)) {
      const owner = owners.get(table);
      if (owner) problems.push({ file, path, message: `${definition.name}: ${what}, ${table}, is ${owner} already; give ${rename} another name` });
      else owners.set(table, what);
    }
  }
}

/** The rules of seed 001 and the checks the store needs, as problems naming each definition. */
export function checkDefinitions(sources: readonly DefinitionSource[]): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  const known = new Set(sources.map((s) => s.definition.name));
  for (const source of sources) {
    checkKeys(source, problems);
    checkProperties(source, known, problems);
  }
  checkTables(sources, problems);
  return problems;
}
