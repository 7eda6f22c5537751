import type { Knex } from 'knex';
import type { LockMode } from '../../storage/Dialect.js';
import type { SqlRunner } from '../../storage/SqlRunner.js';
import type { CompiledDefinition, CompiledProperty, KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet, Reference } from '../definitions/DefinitionSet.js';
import { fromColumnValue, fromListValue, toColumnValue } from './columnValues.js';
import type { ProfileRecord } from './ProfileRecord.js';
import { changedColumns, changedLists } from './recordChanges.js';

/** A stored reference: `ownerKey` (a profile of `from`) holds `itemKey` in `property`. */
export interface ReferenceRow {
  readonly from: string;
  readonly property: string;
  readonly ownerKey: KeyValue;
  readonly itemKey: KeyValue;
}

export interface RecordChange {
  readonly before: ProfileRecord;
  readonly after: ProfileRecord;
}

/**
 * The SQL of the Profiles System. Every method is set-based: it sends a fixed number of statements
 * whatever the number of profiles, and a profile with all its lists loads in one statement.
 */
export class ProfileStore {
  private readonly selectLists = new Map<string, string>();

  constructor(
    private readonly definitions: DefinitionSet,
    private readonly sql: SqlRunner,
  ) {
    for (const definition of definitions.all()) this.selectLists.set(definition.name, this.selectList(definition));
  }

  private selectList(definition: CompiledDefinition): string {
    const { id } = this.sql;
    const columns = definition.columnProperties.map((p) => `t.${id(p.column)}`);
    const lists = definition.listProperties.map((p) => `${this.listAggregate(definition, p)} AS ${id(p.column)}`);
    return [...columns, ...lists].join(', ');
  }

  /** The items of a link list for the row `t`, in order, as JSON array text. */
  private listAggregate(definition: CompiledDefinition, list: CompiledProperty): string {
    const { id } = this.sql;
    const where = `FROM ${id(list.linkTable ?? '')} l WHERE l.owner_key = t.${id(definition.primary.column)}`;
    if (this.sql.dialect === 'sqlite') return `(SELECT json_group_array(l.item_key ORDER BY l.position) ${where})`;
    const item = this.definitions.referencedPrimary(list).type === 'number' ? 'l.item_key' : 'JSON_QUOTE(l.item_key)';
    return `(SELECT CONCAT('[', GROUP_CONCAT(${item} ORDER BY l.position SEPARATOR ','), ']') ${where})`;
  }

  private toRecord(definition: CompiledDefinition, row: Record<string, unknown>): ProfileRecord {
    const record: Record<string, unknown> = {};
    for (const p of definition.columnProperties) record[p.name] = fromColumnValue(p, row[p.column]);
    for (const p of definition.listProperties) record[p.name] = fromListValue(row[p.column]);
    return record as ProfileRecord;
  }

  /**
   * The profiles whose `key` is one of `values`. A locked load locks the rows and reads the lists with locking
   * reads too, so that what it returns is the latest committed state and stays so until the transaction ends.
   */
  async load(db: Knex, definition: CompiledDefinition, key: CompiledProperty, values: readonly KeyValue[], lock?: LockMode): Promise<ProfileRecord[]> {
    if (values.length === 0) return [];
    const { id } = this.sql;
    const where = `WHERE t.${id(key.column)} IN (${this.sql.placeholders(values.length)})`;
    if (!lock || this.sql.dialect === 'sqlite' || definition.listProperties.length === 0) {
      const sql = `SELECT ${this.selectLists.get(definition.name)} FROM ${id(definition.table)} t ${where}${this.sql.lockClause(lock)}`;
      return (await this.sql.rows(db, sql, values)).map((row) => this.toRecord(definition, row));
    }
    const columns = definition.columnProperties.map((p) => `t.${id(p.column)}`).join(', ');
    const rows = await this.sql.rows(db, `SELECT ${columns} FROM ${id(definition.table)} t ${where}${this.sql.lockClause(lock)}`, values);
    const records = rows.map((row) => this.toRecord(definition, row)) as Record<string, unknown>[];
    await this.readListsLocked(db, definition, records);
    return records as ProfileRecord[];
  }

  /**
   * The lists of locked profiles, with shared locks: the latest committed rows, which no one can change while the
   * owner row is locked, and which other transactions may still read (shared) to see who uses an item.
   */
  private async readListsLocked(db: Knex, definition: CompiledDefinition, records: Record<string, unknown>[]): Promise<void> {
    if (records.length === 0) return;
    const owners = records.map((r) => r[definition.primary.name] as KeyValue);
    const { id } = this.sql;
    const branches = definition.listProperties.map(
      (p, i) => `(SELECT ${i} AS list, owner_key, item_key, position FROM ${id(p.linkTable ?? '')} WHERE owner_key IN (${this.sql.placeholders(owners.length)})${this.sql.lockClause('share')})`,
    );
    const rows = await this.sql.rows(db, `${branches.join(' UNION ALL ')} ORDER BY list, owner_key, position`, definition.listProperties.flatMap(() => owners));
    const byOwner = new Map(records.map((r) => [r[definition.primary.name], r]));
    for (const r of records) for (const p of definition.listProperties) r[p.name] = [];
    for (const row of rows) {
      const list = definition.listProperties[Number(row['list'])];
      const record = byOwner.get(row['owner_key']);
      if (list && record) (record[list.name] as KeyValue[]).push(row['item_key'] as KeyValue);
    }
  }

  async insert(db: Knex, definition: CompiledDefinition, records: readonly ProfileRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { id } = this.sql;
    const columns = definition.columnProperties;
    const row = `(${this.sql.placeholders(columns.length)})`;
    const values = records.flatMap((r) => columns.map((p) => toColumnValue(this.sql.dialect, p, r[p.name])));
    await this.sql.run(
      db,
      `INSERT INTO ${id(definition.table)} (${columns.map((p) => id(p.column)).join(', ')}) VALUES ${Array(records.length).fill(row).join(', ')}`,
      values,
    );
    for (const list of definition.listProperties) await this.insertLinks(db, definition, list, records);
  }

  private async insertLinks(db: Knex, definition: CompiledDefinition, list: CompiledProperty, records: readonly ProfileRecord[]): Promise<void> {
    const values: unknown[] = [];
    for (const record of records) {
      const items = (record[list.name] as KeyValue[] | null) ?? [];
      items.forEach((item, position) => values.push(record[definition.primary.name], item, position));
    }
    if (values.length === 0) return;
    const { id } = this.sql;
    const rows = Array(values.length / 3).fill('(?, ?, ?)').join(', ');
    await this.sql.run(db, `INSERT INTO ${id(list.linkTable ?? '')} (owner_key, item_key, position) VALUES ${rows}`, values);
  }

  /**
   * Writes what changed from `before` to `after`: one UPDATE of the rows (which also locks them, so that list
   * changes are serialised by the owner row), then each changed list rewritten with one DELETE and one INSERT.
   */
  async update(db: Knex, definition: CompiledDefinition, changes: readonly RecordChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.updateRows(db, definition, changes);
    for (const list of changedLists(definition, changes)) {
      const owners = changes.map((c) => c.after[definition.primary.name] as KeyValue);
      await this.sql.run(db, `DELETE FROM ${this.sql.id(list.linkTable ?? '')} WHERE owner_key IN (${this.sql.placeholders(owners.length)})`, owners);
      await this.insertLinks(db, definition, list, changes.map((c) => c.after));
    }
  }

  private async updateRows(db: Knex, definition: CompiledDefinition, changes: readonly RecordChange[]): Promise<void> {
    const { id } = this.sql;
    const pk = definition.primary;
    const keys = changes.map((c) => c.after[pk.name] as KeyValue);
    const columns = changedColumns(definition, changes);
    const bindings: unknown[] = [];
    let assignments: string;
    if (columns.length === 0) {
      assignments = `${id(pk.column)} = ${id(pk.column)}`;
    } else if (changes.length === 1) {
      assignments = columns.map((p) => `${id(p.column)} = ?`).join(', ');
      for (const p of columns) bindings.push(toColumnValue(this.sql.dialect, p, changes[0]?.after[p.name]));
    } else {
      assignments = columns
        .map((p) => {
          for (const c of changes) bindings.push(c.after[pk.name], toColumnValue(this.sql.dialect, p, c.after[p.name]));
          return `${id(p.column)} = CASE ${id(pk.column)}${' WHEN ? THEN ?'.repeat(changes.length)} END`;
        })
        .join(', ');
    }
    const where = `${id(pk.column)} IN (${this.sql.placeholders(keys.length)})`;
    await this.sql.run(db, `UPDATE ${id(definition.table)} SET ${assignments} WHERE ${where}`, [...bindings, ...keys]);
  }

  /** Deletes profiles by primary key; their link rows go with them (ON DELETE CASCADE). */
  async delete(db: Knex, definition: CompiledDefinition, keys: readonly KeyValue[]): Promise<number> {
    if (keys.length === 0) return 0;
    const { id } = this.sql;
    const sql = `DELETE FROM ${id(definition.table)} WHERE ${id(definition.primary.column)} IN (${this.sql.placeholders(keys.length)})`;
    return this.sql.run(db, sql, keys);
  }

  /** Every stored reference to the given profiles, from any definition, in one statement (locking reads if asked). */
  async referrers(db: Knex, target: CompiledDefinition, keys: readonly KeyValue[], lock?: LockMode): Promise<ReferenceRow[]> {
    const references = this.definitions.referencing(target.name);
    if (keys.length === 0 || references.length === 0) return [];
    const { id } = this.sql;
    const marks = this.sql.placeholders(keys.length);
    const branches = references.map(({ from, property }, i) => {
      const select = property.multiValued
        ? `SELECT ${i} AS ref, owner_key, item_key FROM ${id(property.linkTable ?? '')} WHERE item_key IN (${marks})`
        : `SELECT ${i} AS ref, ${id(from.primary.column)} AS owner_key, ${id(property.column)} AS item_key FROM ${id(from.table)} WHERE ${id(property.column)} IN (${marks})`;
      return this.sql.dialect === 'mysql' ? `(${select}${this.sql.lockClause(lock)})` : select;
    });
    const rows = await this.sql.rows(db, branches.join(' UNION ALL '), references.flatMap(() => keys));
    return rows.map((row) => {
      const reference = references[Number(row['ref'])];
      return { from: reference?.from.name ?? '', property: reference?.property.name ?? '', ownerKey: row['owner_key'] as KeyValue, itemKey: row['item_key'] as KeyValue };
    });
  }

  /** The multi-valued references to a definition. */
  linksTo(target: CompiledDefinition): Reference[] {
    return this.definitions.referencing(target.name).filter(({ property }) => property.multiValued);
  }

  /** Removes the link rows that list the given items: one DELETE per link table. */
  async removeLinks(db: Knex, links: readonly Reference[], itemKeys: readonly KeyValue[]): Promise<void> {
    for (const { property } of links) {
      await this.sql.run(db, `DELETE FROM ${this.sql.id(property.linkTable ?? '')} WHERE item_key IN (${this.sql.placeholders(itemKeys.length)})`, itemKeys);
    }
  }

  /** Sets to null every single-valued reference to the given profiles: one UPDATE per referencing property. */
  async clearReferences(db: Knex, target: CompiledDefinition, keys: readonly KeyValue[]): Promise<void> {
    if (keys.length === 0) return;
    const { id } = this.sql;
    for (const { from, property } of this.definitions.referencing(target.name)) {
      if (property.multiValued) continue; // link rows are removed by ON DELETE CASCADE
      const column = id(property.column);
      await this.sql.run(db, `UPDATE ${id(from.table)} SET ${column} = NULL WHERE ${column} IN (${this.sql.placeholders(keys.length)})`, keys);
    }
  }
}
