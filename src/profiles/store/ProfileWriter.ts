import type { SqlTarget } from '../../storage/dialects/driverStatement.js';
import type { Dialect } from '../../storage/dialects/Dialect.js';
import { batches, placeholders, type BoundSql } from '../../storage/dialects/sqlText.js';
import type { CompiledDefinition, CompiledProperty, KeyValue } from '../definitions/CompiledDefinition.js';
import type { Reference } from '../definitions/DefinitionSet.js';
import { toColumnValue } from './columnValues.js';
import type { ProfileRecord } from './ProfileRecord.js';
import { changedColumns, changedLists, sameValue, type RecordChange } from './recordChanges.js';
import { flatMap } from '../../util/flatMap.js';

const linkColumns = ['owner_key', 'item_key', 'position'];

/**
 * How a call's writes are sent. Waited for (`queue` false): each statement's failure is thrown by the call, as the
 * driver's error. Queued (see Dialect.write): on MySQL/MariaDB inside a transaction the call returns before the
 * database answers, and a failure, made by `fault` into the fault it means, is thrown by the transaction's next
 * statement or by its commit.
 */
export interface WriteMode {
  readonly queue: boolean;
  readonly fault: (error: unknown) => unknown;
}

/** A failure as the driver threw it. */
export const asItIs = (error: unknown): unknown => error;

/** Each statement waited for, its failure thrown as it is. */
export const waited: WriteMode = { queue: false, fault: asItIs };

/** Writes profiles to the store: a fixed number of statements per call, whatever the number of profiles. */
export class ProfileWriter {
  /** INSERT texts by table and number of rows: the same string each time a shape repeats (see insertText). */
  private readonly inserts = new Map<string, string[]>();

  constructor(private readonly sql: Dialect) {}

  async insert(db: SqlTarget, definition: CompiledDefinition, records: readonly ProfileRecord[], mode: WriteMode): Promise<void> {
    if (records.length === 0) return;
    const columns = definition.columnProperties;
    for (const batch of batches(records, columns.length)) {
      const values: unknown[] = [];
      for (const record of batch) for (const property of columns) values.push(toColumnValue(this.sql, property, record[property.name]));
      await this.send(db, this.insertText(definition.table, columns.map((p) => p.column), batch.length), values, mode);
    }
    for (const list of definition.listProperties) await this.insertLinks(db, definition, list, records, mode);
  }

  private async insertLinks(db: SqlTarget, definition: CompiledDefinition, list: CompiledProperty, records: readonly ProfileRecord[], mode: WriteMode): Promise<void> {
    const links = flatMap(records, (record) =>
      ((record[list.name] as KeyValue[] | null) ?? []).map((item, position) => [record[definition.primary.name], item, position]),
    );
    for (const batch of batches(links, 3)) {
      await this.send(db, this.insertText(list.linkTable ?? '', linkColumns, batch.length), flatMap(batch, (row) => row), mode);
    }
  }

  /** A write whose row count is not needed: queued where the dialect can (see Dialect.write), or waited for. */
  private send(db: SqlTarget, sql: string, bindings: readonly unknown[], mode: WriteMode): Promise<unknown> {
    return mode.queue ? this.sql.write(db, sql, bindings, mode.fault) : this.sql.run(db, sql, bindings);
  }

  /**
   * `INSERT INTO table (columns) VALUES (?, …), …` for `rows` rows, kept by table and row count (a few shapes repeat:
   * a Create's items), so that a repeated insert reuses one string rather than building it again — the driver's
   * statement cache then finds it without hashing new text. Only counts up to 64 rows are kept.
   */
  private insertText(table: string, columns: readonly string[], rows: number): string {
    let byRows = this.inserts.get(table);
    if (!byRows) this.inserts.set(table, (byRows = []));
    let text = byRows[rows];
    if (text === undefined) {
      const { id } = this.sql;
      const row = `(${placeholders(columns.length)})`;
      text = `INSERT INTO ${id(table)} (${columns.map((c) => id(c)).join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
      if (rows <= 64) byRows[rows] = text;
    }
    return text;
  }

  /**
   * Writes what changed from `before` to `after`, and only that: one UPDATE of the rows (which also locks them, so
   * that list changes are serialised by the owner row), then each changed list rewritten, for the owners whose list
   * changed, with one DELETE and one INSERT. A value a profile did not change is not written back.
   */
  async update(db: SqlTarget, definition: CompiledDefinition, changes: readonly RecordChange[], mode: WriteMode): Promise<void> {
    if (changes.length === 0) return;
    // Each changed row binds at most its key and a key and value per column.
    for (const batch of batches(changes, 2 * definition.columnProperties.length + 1)) await this.updateRows(db, definition, batch, mode);
    for (const list of changedLists(definition, changes)) {
      const changed = changes.filter((c) => !sameValue(c.before[list.name], c.after[list.name]));
      const owners = changed.map((c) => c.after[definition.primary.name] as KeyValue);
      const { sql, bindings } = this.sql.in(owners);
      await this.send(db, `DELETE FROM ${this.sql.id(list.linkTable ?? '')} WHERE owner_key ${sql}`, bindings, mode);
      await this.insertLinks(db, definition, list, changed.map((c) => c.after), mode);
    }
  }

  private async updateRows(db: SqlTarget, definition: CompiledDefinition, changes: readonly RecordChange[], mode: WriteMode): Promise<void> {
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
      for (const p of columns) bindings.push(toColumnValue(this.sql, p, changes[0]?.after[p.name]));
    } else {
      // Each column takes a new value only in the rows that changed it; the others keep theirs (ELSE).
      assignments = columns
        .map((p) => {
          const changed = changes.filter((c) => !sameValue(c.before[p.name], c.after[p.name]));
          for (const c of changed) bindings.push(c.after[pk.name], toColumnValue(this.sql, p, c.after[p.name]));
          return `${id(p.column)} = CASE ${id(pk.column)}${' WHEN ? THEN ?'.repeat(changed.length)} ELSE ${id(p.column)} END`;
        })
        .join(', ');
    }
    const where = this.sql.in(keys);
    await this.send(db, `UPDATE ${id(definition.table)} SET ${assignments} WHERE ${id(pk.column)} ${where.sql}`, [...bindings, ...where.bindings], mode);
  }

  /** Deletes profiles by primary key; their link rows go with them (ON DELETE CASCADE). */
  async delete(db: SqlTarget, definition: CompiledDefinition, keys: readonly KeyValue[]): Promise<number> {
    if (keys.length === 0) return 0;
    const { sql, bindings } = this.deleteByKeys(definition, keys);
    return this.sql.run(db, sql, bindings);
  }

  /**
   * Deletes profiles that exist for certain until the transaction ends (it wrote or locked them): every one goes, so
   * the DELETE's row count is not needed and, with `mode` queued, not waited for.
   */
  async deleteHeld(db: SqlTarget, definition: CompiledDefinition, keys: readonly KeyValue[], mode: WriteMode): Promise<void> {
    if (keys.length === 0) return;
    const { sql, bindings } = this.deleteByKeys(definition, keys);
    await this.send(db, sql, bindings, mode);
  }

  private deleteByKeys(definition: CompiledDefinition, keys: readonly KeyValue[]): BoundSql {
    const { id } = this.sql;
    const where = this.sql.in(keys);
    return { sql: `DELETE FROM ${id(definition.table)} WHERE ${id(definition.primary.column)} ${where.sql}`, bindings: where.bindings };
  }

  /** Removes the link rows that list the given items: one DELETE per link table. */
  async removeLinks(db: SqlTarget, links: readonly Reference[], itemKeys: readonly KeyValue[], mode: WriteMode): Promise<void> {
    const { sql, bindings } = this.sql.in(itemKeys);
    for (const { property } of links) await this.send(db, `DELETE FROM ${this.sql.id(property.linkTable ?? '')} WHERE item_key ${sql}`, bindings, mode);
  }

  /** Sets the given single-valued references to the given profiles to null: one UPDATE per referencing property. */
  async clearReferences(db: SqlTarget, references: readonly Reference[], keys: readonly KeyValue[], mode: WriteMode): Promise<void> {
    if (keys.length === 0) return;
    const { id } = this.sql;
    const { sql, bindings } = this.sql.in(keys);
    for (const { from, property } of references) {
      const column = id(property.column);
      await this.send(db, `UPDATE ${id(from.table)} SET ${column} = NULL WHERE ${column} ${sql}`, bindings, mode);
    }
  }
}
