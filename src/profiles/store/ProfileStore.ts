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

/** Profiles locked for a decision: which exist, what they reference, who references them. */
export interface LockedProfiles {
  readonly existing: Set<KeyValue>;
  readonly outgoing: ReferenceRow[];
  readonly incoming: ReferenceRow[];
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
  private readonly lockedSelectLists = new Map<string, string>();

  constructor(
    private readonly definitions: DefinitionSet,
    private readonly sql: SqlRunner,
  ) {
    for (const definition of definitions.all()) {
      this.selectLists.set(definition.name, this.selectList(definition, false));
      this.lockedSelectLists.set(definition.name, this.selectList(definition, true));
    }
  }

  private selectList(definition: CompiledDefinition, locked: boolean): string {
    const { id } = this.sql;
    const columns = definition.columnProperties.map((p) => `t.${id(p.column)}`);
    const lists = definition.listProperties.map((p) => `${this.listAggregate(definition, p, locked)} AS ${id(p.column)}`);
    return [...columns, ...lists].join(', ');
  }

  /**
   * The items of a link list for the row `t`, in order, as JSON array text. Locked, the subquery takes shared locks
   * on the link rows, which also makes it read the latest committed rows rather than the transaction's snapshot.
   */
  private listAggregate(definition: CompiledDefinition, list: CompiledProperty, locked: boolean): string {
    const { id } = this.sql;
    const where = `FROM ${id(list.linkTable ?? '')} l WHERE l.owner_key = t.${id(definition.primary.column)}`;
    if (this.sql.dialect === 'sqlite') return `(SELECT json_group_array(l.item_key ORDER BY l.position) ${where})`;
    const item = this.definitions.referencedPrimary(list).type === 'number' ? 'l.item_key' : 'JSON_QUOTE(l.item_key)';
    return `(SELECT CONCAT('[', GROUP_CONCAT(${item} ORDER BY l.position SEPARATOR ','), ']') ${where}${locked ? this.sql.lockClause('share') : ''})`;
  }

  private toRecord(definition: CompiledDefinition, row: Record<string, unknown>): ProfileRecord {
    const record: Record<string, unknown> = {};
    for (const p of definition.columnProperties) record[p.name] = fromColumnValue(p, row[p.column]);
    for (const p of definition.listProperties) record[p.name] = fromListValue(row[p.column]);
    return record as ProfileRecord;
  }

  /**
   * The profiles whose `key` is one of `values`, each with all its lists, in one statement. A locked load locks the
   * rows (and, with shared locks, their link rows), so that what it returns is the latest committed state and stays
   * so until the transaction ends.
   */
  async load(db: Knex, definition: CompiledDefinition, key: CompiledProperty, values: readonly KeyValue[], lock?: LockMode): Promise<ProfileRecord[]> {
    if (values.length === 0) return [];
    const { id } = this.sql;
    const select = (lock ? this.lockedSelectLists : this.selectLists).get(definition.name);
    const sql = `SELECT ${select} FROM ${id(definition.table)} t WHERE t.${id(key.column)} IN (${this.sql.placeholders(values.length)})${this.sql.lockClause(lock)}`;
    return (await this.sql.rows(db, sql, values)).map((row) => this.toRecord(definition, row));
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

  /** The SELECTs of every stored reference to the given profiles, as (ref, owner_key, item_key) rows. */
  private incomingBranches(target: CompiledDefinition, count: number): { references: readonly Reference[]; branches: string[] } {
    const { id } = this.sql;
    const marks = this.sql.placeholders(count);
    const references = this.definitions.referencing(target.name);
    const branches = references.map(({ from, property }, i) =>
      property.multiValued
        ? `SELECT ${i} AS ref, owner_key, item_key FROM ${id(property.linkTable ?? '')} WHERE item_key IN (${marks})`
        : `SELECT ${i} AS ref, ${id(from.primary.column)} AS owner_key, ${id(property.column)} AS item_key FROM ${id(from.table)} WHERE ${id(property.column)} IN (${marks})`,
    );
    return { references, branches };
  }

  /** One statement of UNION ALL branches, each with its own lock on MySQL/MariaDB (SQLite needs none). */
  private union(branches: readonly { sql: string; lock: LockMode | undefined }[]): string {
    if (this.sql.dialect === 'sqlite') return branches.map((b) => b.sql).join(' UNION ALL ');
    return branches.map((b) => `(${b.sql}${this.sql.lockClause(b.lock)})`).join(' UNION ALL ');
  }

  private keyOf(definition: CompiledDefinition | undefined, value: unknown): KeyValue {
    return definition?.primary.type === 'number' ? Number(value) : String(value);
  }

  /** Every stored reference to the given profiles, from any definition, in one statement (locking reads if asked). */
  async referrers(db: Knex, target: CompiledDefinition, keys: readonly KeyValue[], lock?: LockMode): Promise<ReferenceRow[]> {
    const { references, branches } = this.incomingBranches(target, keys.length);
    if (keys.length === 0 || references.length === 0) return [];
    const rows = await this.sql.rows(db, this.union(branches.map((sql) => ({ sql, lock }))), references.flatMap(() => keys));
    return rows.map((row) => this.incomingRow(target, references, row));
  }

  private incomingRow(target: CompiledDefinition, references: readonly Reference[], row: Record<string, unknown>): ReferenceRow {
    const reference = references[Number(row['ref'])];
    return {
      from: reference?.from.name ?? '',
      property: reference?.property.name ?? '',
      ownerKey: this.keyOf(reference?.from, row['owner_key']),
      itemKey: this.keyOf(target, row['item_key']),
    };
  }

  /**
   * In one statement: locks the given profiles (FOR UPDATE), reads what they reference and who references them
   * (with shared locks). Whoever would start using one of them must wait, and what is read is the latest state.
   */
  async lockWithReferences(db: Knex, target: CompiledDefinition, keys: readonly KeyValue[]): Promise<LockedProfiles> {
    const result: LockedProfiles = { existing: new Set(), outgoing: [], incoming: [] };
    if (keys.length === 0) return result;
    const { id } = this.sql;
    const marks = this.sql.placeholders(keys.length);
    const pk = id(target.primary.column);
    const own = target.properties.filter((p) => p.references);
    const outgoing = own.map((p, k) =>
      p.multiValued
        ? { sql: `SELECT ${-2 - k} AS ref, owner_key, item_key FROM ${id(p.linkTable ?? '')} WHERE owner_key IN (${marks})`, lock: 'share' as const }
        : { sql: `SELECT ${-2 - k} AS ref, ${pk} AS owner_key, ${id(p.column)} AS item_key FROM ${id(target.table)} WHERE ${pk} IN (${marks}) AND ${id(p.column)} IS NOT NULL`, lock: 'update' as const },
    );
    const { references, branches } = this.incomingBranches(target, keys.length);
    const all = [
      { sql: `SELECT -1 AS ref, ${pk} AS owner_key, ${pk} AS item_key FROM ${id(target.table)} WHERE ${pk} IN (${marks})`, lock: 'update' as const },
      ...outgoing,
      ...branches.map((sql) => ({ sql, lock: 'share' as const })),
    ];
    for (const row of await this.sql.rows(db, this.union(all), all.flatMap(() => keys))) {
      const ref = Number(row['ref']);
      if (ref === -1) result.existing.add(this.keyOf(target, row['owner_key']));
      else if (ref >= 0) result.incoming.push(this.incomingRow(target, references, row));
      else {
        const property = own[-2 - ref];
        const referenced = this.definitions.find(property?.references ?? '');
        result.outgoing.push({ from: target.name, property: property?.name ?? '', ownerKey: this.keyOf(target, row['owner_key']), itemKey: this.keyOf(referenced, row['item_key']) });
      }
    }
    return result;
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
