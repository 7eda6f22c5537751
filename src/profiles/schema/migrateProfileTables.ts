import type { Knex } from 'knex';
import { ConfigurationError, type ConfigurationProblem } from '../../errors/ConfigurationError.js';
import type { Dialect } from '../../storage/dialects/Dialect.js';
import { dialectOf } from '../../storage/dialects/dialects.js';
import { identifier } from '../../storage/identifier.js';
import { blockedUsersTable, userIdMaxLength } from '../blocked/BlockedUsers.js';
import type { CompiledDefinition, CompiledProperty } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { ProfilePlacement } from '../store/ProfilePlacement.js';
import { keyColumn, propertyColumn } from './columnBuilders.js';
import { flatMap } from '../../util/flatMap.js';

/** What a migration created: `table` or `table.column`, in the order made. */
export interface MigrationReport {
  readonly created: string[];
}

interface Migration {
  readonly report: MigrationReport;
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** The collation of key columns, where the dialect sets one. */
  readonly keyCollation: string | undefined;
  readonly definitions: DefinitionSet;
  readonly placement: ProfilePlacement;
  readonly problems: ConfigurationProblem[];
}

function addProperty(m: Migration, table: Knex.CreateTableBuilder, definition: CompiledDefinition, property: CompiledProperty) {
  const referenced = property.references ? m.definitions.referencedPrimary(property) : undefined;
  const column = propertyColumn(table, m.keyCollation, property, referenced);
  if (property.isKey) column.notNullable();
  if (property.isKey && property !== definition.primary) table.unique([property.column], { indexName: identifier(definition.table, property.column, 'unique') });
  if (property.type === 'profile' || (property.indexed && !property.isKey)) table.index([property.column], indexOf(definition, property));
}

const indexOf = (definition: CompiledDefinition, property: CompiledProperty) => identifier(definition.table, property.column, 'index');

/**
 * The indexes `indexed` asks for on columns that exist already: created when missing (another server may be making
 * the same one: then it is there), never dropped when a definition no longer asks for one.
 */
async function addMissingIndexes(m: Migration, definition: CompiledDefinition, existingColumns: readonly CompiledProperty[]): Promise<void> {
  const wanted = existingColumns.filter((p) => p.indexed && !p.isKey && p.type !== 'profile');
  if (wanted.length === 0) return;
  const present = await m.dialect.indexNames(m.knex, definition.table);
  for (const property of wanted.filter((p) => !present.has(indexOf(definition, p)))) {
    try {
      await m.knex.schema.alterTable(definition.table, (t) => t.index([property.column], indexOf(definition, property)));
    } catch (error) {
      if (!(await m.dialect.indexNames(m.knex, definition.table)).has(indexOf(definition, property))) throw error;
      continue;
    }
    m.report.created.push(`${definition.table}.${property.column} index`);
  }
}

async function createIfMissing(m: Migration, table: string, build: (t: Knex.CreateTableBuilder) => void): Promise<boolean> {
  if (await m.knex.schema.hasTable(table)) return false;
  try {
    await m.knex.schema.createTable(table, (t) => {
      m.dialect.tableOptions(t);
      build(t);
    });
  } catch (error) {
    if (!(await m.knex.schema.hasTable(table))) throw error; // else another server created it just now
    return false;
  }
  m.report.created.push(table);
  return true;
}

async function migrateDefinition(m: Migration, definition: CompiledDefinition): Promise<void> {
  const created = await createIfMissing(m, definition.table, (t) => {
    for (const property of definition.columnProperties) addProperty(m, t, definition, property);
    t.primary([definition.primary.column], identifier(definition.table, 'pkey'));
  });
  if (created) return;
  const existing = await m.knex(definition.table).columnInfo();
  const missing = definition.columnProperties.filter((p) => !(p.column in existing));
  await addMissingIndexes(m, definition, definition.columnProperties.filter((p) => p.column in existing));
  if (missing.length === 0) return;
  const keys = missing.filter((p) => p.isKey);
  if (keys.length && (await m.knex(definition.table).first(m.knex.raw('1 as one')))) {
    for (const key of keys) {
      m.problems.push({
        file: definition.file,
        path: key.name,
        message: `${definition.name}: key ${key.name} cannot be added: table ${definition.table} has rows, and a key column must hold a unique value in every row`,
      });
    }
    return;
  }
  await m.knex.schema.alterTable(definition.table, (t) => {
    for (const property of missing) addProperty(m, t, definition, property);
  });
  m.report.created.push(...missing.map((p) => `${definition.table}.${p.column}`));
}

async function migrateLinks(m: Migration, definition: CompiledDefinition): Promise<void> {
  for (const list of definition.listProperties) {
    const target = m.definitions.get(list.references ?? '');
    const linkTable = list.linkTable ?? '';
    await createIfMissing(m, linkTable, (t) => {
      keyColumn(t, m.keyCollation, 'owner_key', definition.primary).notNullable();
      keyColumn(t, m.keyCollation, 'item_key', target.primary).notNullable();
      t.integer('position').notNullable();
      t.primary(['owner_key', 'item_key'], identifier(linkTable, 'pkey'));
      t.index(['item_key', 'owner_key'], identifier(linkTable, 'item'));
      t.foreign('owner_key', identifier(linkTable, 'owner_fk')).references(definition.primary.column).inTable(definition.table).onDelete('CASCADE');
      if (m.placement.sameDatabase(definition, target)) {
        t.foreign('item_key', identifier(linkTable, 'item_fk')).references(target.primary.column).inTable(target.table).onDelete('CASCADE');
      }
    });
  }
}

/** Every table the definitions make, link tables and the blocked-users table included. */
function tablesOf(definitions: DefinitionSet): string[] {
  return [...flatMap(definitions.all(), (d) => [d.table, ...d.listProperties.map((p) => p.linkTable ?? '')]), blockedUsersTable];
}

async function migrateDatabase(knex: Knex, definitions: DefinitionSet, placement: ProfilePlacement, report: MigrationReport): Promise<void> {
  const dialect = dialectOf(knex);
  const keyCollation = await dialect.keyCollation(knex, tablesOf(definitions));
  const m: Migration = { report, knex, dialect, keyCollation, definitions, placement, problems: [] };
  for (const definition of definitions.all()) await migrateDefinition(m, definition);
  if (m.problems.length) throw new ConfigurationError(m.problems);
  for (const definition of definitions.all()) await migrateLinks(m, definition);
  await createIfMissing(m, blockedUsersTable, (t) => {
    keyColumn(t, keyCollation, 'user_id', { type: 'string', maxLength: userIdMaxLength }).notNullable().primary();
    t.datetime('blocked_at', { precision: 3 }).notNullable();
  });
}

/** Creates missing tables, link tables and columns in every database (partitions have identical schemas); drops nothing. */
export async function migrateProfileTables(definitions: DefinitionSet, placement: ProfilePlacement): Promise<MigrationReport> {
  const report: MigrationReport = { created: [] };
  for (const knex of placement.all()) await migrateDatabase(knex, definitions, placement, report);
  return report;
}
