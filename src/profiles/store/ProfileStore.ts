import type { Knex } from 'knex';
import type { LockMode } from '../../storage/Dialect.js';
import type { BoundSql, SqlRunner } from '../../storage/SqlRunner.js';
import { profileId, type CompiledDefinition, type CompiledProperty, type KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet, Reference } from '../definitions/DefinitionSet.js';
import { fromColumnValue, fromListValue, toColumnValue } from './columnValues.js';
import type { ProfileRecord } from './ProfileRecord.js';
import { inClauses, type KeySet } from './keySets.js';
import { changedColumns, changedLists, sameValue } from './recordChanges.js';

/** A stored reference: `ownerKey` (a profile of `from`) holds `itemKey` in `property`. */
export interface ReferenceRow {
  readonly from: string;
  readonly property: string;
  readonly ownerKey: KeyValue;
  readonly itemKey: KeyValue;
}

interface Branch {
  readonly sql: string;
  readonly bindings: readonly unknown[];
  readonly lock: LockMode | undefined;
}

export interface LoadPart {
  readonly definition: CompiledDefinition;
  /** The key the set is of; the primary key when absent. */
  readonly key?: CompiledProperty;
  readonly set: KeySet;
}

/** Referencing definition name → the profiles of it whose references do not count. */
export type Exclusions = ReadonlyMap<string, readonly KeyValue[]>;

export interface DecisionRequest {
  readonly target: CompiledDefinition;
  readonly keys: readonly KeyValue[];
  readonly excluded: Exclusions;
}

/** Profiles locked for a decision: each that exists, whether anything else uses it; and what each references. */
export interface Decision {
  readonly used: Map<KeyValue, boolean>;
  readonly outgoing: ReferenceRow[];
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
  /** Per definition, the JSON object of a whole profile that loadMany selects (built once: it is long). */
  private readonly jsonObjects = new Map<string, string>();

  constructor(
    private readonly definitions: DefinitionSet,
    private readonly sql: SqlRunner,
  ) {
    for (const definition of definitions.all()) {
      this.selectLists.set(definition.name, this.selectList(definition, false));
      this.lockedSelectLists.set(definition.name, this.selectList(definition, true));
      this.jsonObjects.set(definition.name, this.jsonObject(definition));
    }
  }

  private selectList(definition: CompiledDefinition, locked: boolean): string {
    const { id } = this.sql;
    const columns = definition.columnProperties.map((p) => `t.${id(p.column)}`);
    const lists = definition.listProperties.map((p) => `${this.listAggregate(definition, p, locked)} AS ${id(p.column)}`);
    return [...columns, ...lists].join(', ');
  }

  /**
   * The items of a link list for the row `t`, as a JSON array of [position, item] pairs (sorted in JS: an ORDER BY
   * inside the aggregate costs MariaDB a sort per row). Locked, the subquery takes shared locks on the link rows,
   * which also makes it read the latest committed rows rather than the transaction's snapshot.
   */
  private listAggregate(definition: CompiledDefinition, list: CompiledProperty, locked: boolean): string {
    const { id } = this.sql;
    const where = `FROM ${id(list.linkTable ?? '')} l WHERE l.owner_key = t.${id(definition.primary.column)}`;
    if (this.sql.dialect === 'sqlite') return `(SELECT json_group_array(json_array(l.position, l.item_key)) ${where})`;
    return `(SELECT JSON_ARRAYAGG(JSON_ARRAY(l.position, l.item_key)) ${where}${locked ? this.sql.lockClause('share') : ''})`;
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
    const { sql: where, bindings } = this.sql.in(values);
    const sql = `SELECT ${select} FROM ${id(definition.table)} t WHERE t.${id(key.column)} ${where}${this.sql.lockClause(lock)}`;
    return (await this.sql.rows(db, sql, bindings)).map((row) => this.toRecord(definition, row));
  }

  /** SELECT of a profile row as one JSON object of its columns and lists, tagged with `part`. */
  private jsonObject(definition: CompiledDefinition): string {
    const { id } = this.sql;
    const object = this.sql.dialect === 'mysql' ? 'JSON_OBJECT' : 'json_object';
    const fields = [
      ...definition.columnProperties.map((p) => `'${p.column}', t.${id(p.column)}`),
      ...definition.listProperties.map((p) => `'${p.column}', ${this.listAggregate(definition, p, false)}`),
    ];
    return `${object}(${fields.join(', ')}) AS profile FROM ${id(definition.table)} t`;
  }

  private jsonRow(definition: CompiledDefinition, part: number, where: string): string {
    return `SELECT ${part} AS part, ${this.jsonObjects.get(definition.name)} WHERE ${where}`;
  }

  /**
   * Profiles of several definitions in one statement of JSON rows: each part by a key set on its primary key (or on
   * another key, `key`). Each profile comes once, under the first part that found it.
   */
  async loadMany(db: Knex, parts: readonly LoadPart[]): Promise<Map<CompiledDefinition, ProfileRecord[]>> {
    const result = new Map<CompiledDefinition, ProfileRecord[]>(parts.map((p) => [p.definition, []]));
    const branches = parts.flatMap(({ definition, key, set }, part) =>
      inClauses(this.sql, `t.${this.sql.id((key ?? definition.primary).column)}`, set).map((clause) => ({
        sql: this.jsonRow(definition, part, clause.sql),
        bindings: clause.bindings,
      })),
    );
    if (branches.length === 0) return result;
    const rows = await this.sql.rows(db, branches.map((b) => b.sql).join(' UNION ALL '), branches.flatMap((b) => b.bindings));
    const seen = new Set<string>();
    for (const row of rows) {
      const part = parts[Number(row['part'])];
      if (!part) continue;
      const values = (typeof row['profile'] === 'string' ? JSON.parse(row['profile']) : row['profile']) as Record<string, unknown>;
      const record = this.toRecord(part.definition, values);
      const unique = profileId(part.definition.name, record[part.definition.primary.name] as KeyValue);
      if (seen.has(unique)) continue;
      seen.add(unique);
      result.get(part.definition)?.push(record);
    }
    return result;
  }

  /**
   * Profiles by `key`, with the profiles they reference through `includes`, in one statement: a profile and what a
   * response needs of it in a single round trip.
   */
  loadWith(
    db: Knex,
    definition: CompiledDefinition,
    key: CompiledProperty,
    values: readonly KeyValue[],
    includes: readonly CompiledProperty[],
  ): Promise<Map<CompiledDefinition, ProfileRecord[]>> {
    return this.loadMany(db, [
      { definition, key, set: { keys: values } },
      ...includes.map((property) => ({
        definition: this.definitions.get(property.references ?? ''),
        set: { keys: [], via: [{ from: definition, property, by: key, keys: values }] },
      })),
    ]);
  }

  async insert(db: Knex, definition: CompiledDefinition, records: readonly ProfileRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { id } = this.sql;
    const columns = definition.columnProperties;
    const row = `(${this.sql.placeholders(columns.length)})`;
    for (const batch of this.sql.batches(records, columns.length)) {
      const values = batch.flatMap((r) => columns.map((p) => toColumnValue(this.sql.dialect, p, r[p.name])));
      const insert = `INSERT INTO ${id(definition.table)} (${columns.map((p) => id(p.column)).join(', ')}) VALUES ${Array(batch.length).fill(row).join(', ')}`;
      await this.sql.run(db, insert, values);
    }
    for (const list of definition.listProperties) await this.insertLinks(db, definition, list, records);
  }

  private async insertLinks(db: Knex, definition: CompiledDefinition, list: CompiledProperty, records: readonly ProfileRecord[]): Promise<void> {
    const links = records.flatMap((record) =>
      ((record[list.name] as KeyValue[] | null) ?? []).map((item, position) => [record[definition.primary.name], item, position]),
    );
    for (const batch of this.sql.batches(links, 3)) {
      const rows = Array(batch.length).fill('(?, ?, ?)').join(', ');
      await this.sql.run(db, `INSERT INTO ${this.sql.id(list.linkTable ?? '')} (owner_key, item_key, position) VALUES ${rows}`, batch.flat());
    }
  }

  /**
   * Writes what changed from `before` to `after`, and only that: one UPDATE of the rows (which also locks them, so
   * that list changes are serialised by the owner row), then each changed list rewritten, for the owners whose list
   * changed, with one DELETE and one INSERT. A value a profile did not change is not written back.
   */
  async update(db: Knex, definition: CompiledDefinition, changes: readonly RecordChange[]): Promise<void> {
    if (changes.length === 0) return;
    // Each changed row binds at most its key and a key and value per column.
    for (const batch of this.sql.batches(changes, 2 * definition.columnProperties.length + 1)) await this.updateRows(db, definition, batch);
    for (const list of changedLists(definition, changes)) {
      const changed = changes.filter((c) => !sameValue(c.before[list.name], c.after[list.name]));
      const owners = changed.map((c) => c.after[definition.primary.name] as KeyValue);
      const { sql, bindings } = this.sql.in(owners);
      await this.sql.run(db, `DELETE FROM ${this.sql.id(list.linkTable ?? '')} WHERE owner_key ${sql}`, bindings);
      await this.insertLinks(db, definition, list, changed.map((c) => c.after));
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
      // Each column takes a new value only in the rows that changed it; the others keep theirs (ELSE).
      assignments = columns
        .map((p) => {
          const changed = changes.filter((c) => !sameValue(c.before[p.name], c.after[p.name]));
          for (const c of changed) bindings.push(c.after[pk.name], toColumnValue(this.sql.dialect, p, c.after[p.name]));
          return `${id(p.column)} = CASE ${id(pk.column)}${' WHEN ? THEN ?'.repeat(changed.length)} ELSE ${id(p.column)} END`;
        })
        .join(', ');
    }
    const where = this.sql.in(keys);
    await this.sql.run(db, `UPDATE ${id(definition.table)} SET ${assignments} WHERE ${id(pk.column)} ${where.sql}`, [...bindings, ...where.bindings]);
  }

  /** Deletes profiles by primary key; their link rows go with them (ON DELETE CASCADE). */
  async delete(db: Knex, definition: CompiledDefinition, keys: readonly KeyValue[]): Promise<number> {
    if (keys.length === 0) return 0;
    const { id } = this.sql;
    const { sql, bindings } = this.sql.in(keys);
    return this.sql.run(db, `DELETE FROM ${id(definition.table)} WHERE ${id(definition.primary.column)} ${sql}`, bindings);
  }

  /** One statement of UNION ALL branches, each with its own lock on MySQL/MariaDB (SQLite needs none). */
  private union(branches: readonly Branch[]): { sql: string; bindings: unknown[] } {
    const sql =
      this.sql.dialect === 'sqlite'
        ? branches.map((b) => b.sql).join(' UNION ALL ')
        : branches.map((b) => `(${b.sql}${this.sql.lockClause(b.lock)})`).join(' UNION ALL ');
    return { sql, bindings: branches.flatMap((b) => b.bindings) };
  }

  private keyOf(definition: CompiledDefinition | undefined, value: unknown): KeyValue {
    return definition?.primary.type === 'number' ? Number(value) : String(value);
  }

  /** Branches reading, as (part, ref, owner_key, item_key), every stored reference to the profiles of `set`. */
  private incoming(part: number, target: CompiledDefinition, set: KeySet, lock: LockMode | undefined): Branch[] {
    const { id } = this.sql;
    return this.definitions.referencing(target.name).flatMap(({ from, property }, ref) => {
      const [select, column] = property.multiValued
        ? [`SELECT ${part} AS part, ${ref} AS ref, owner_key, item_key FROM ${id(property.linkTable ?? '')} WHERE `, 'item_key']
        : [`SELECT ${part} AS part, ${ref} AS ref, ${id(from.primary.column)} AS owner_key, ${id(property.column)} AS item_key FROM ${id(from.table)} WHERE `, id(property.column)];
      return inClauses(this.sql, column, set).map((c) => ({ sql: select + c.sql, bindings: c.bindings, lock }));
    });
  }

  /**
   * One EXISTS probe per referencing property for the profile whose key is `pk` (an SQL expression): does anything
   * outside `excluded` refer to it? First row only, shared-locked, so that a widely shared item costs one index
   * probe, not a read of everyone who uses it.
   */
  private usageProbes(target: CompiledDefinition, pk: string, excluded: Exclusions): { probes: string[]; bindings: unknown[] } {
    const { id } = this.sql;
    const share = this.sql.lockClause('share');
    const bindings: unknown[] = [];
    const probes = this.definitions.referencing(target.name).map(({ from, property }) => {
      const others = excluded.get(from.name) ?? [];
      const list = others.length ? this.sql.in(others) : undefined;
      const notOthers = (column: string) => (list ? ` AND ${column} NOT ${list.sql}` : '');
      bindings.push(...(list?.bindings ?? []));
      const probe = property.multiValued
        ? `SELECT 1 FROM ${id(property.linkTable ?? '')} r WHERE r.item_key = ${pk}${notOthers('r.owner_key')}`
        : `SELECT 1 FROM ${id(from.table)} r WHERE r.${id(property.column)} = ${pk}${notOthers(`r.${id(from.primary.column)}`)}`;
      return `EXISTS (${probe}${share})`;
    });
    return { probes, bindings };
  }

  /** The branch locking the profiles of one clause (FOR UPDATE) and telling, for each, whether anything outside `excluded` refers to it. */
  private lockAndUse(part: number, target: CompiledDefinition, clause: BoundSql, excluded: Exclusions): Branch {
    const pk = `t.${this.sql.id(target.primary.column)}`;
    const { probes, bindings } = this.usageProbes(target, pk, excluded);
    const used = probes.map((probe) => `CASE WHEN ${probe} THEN 1 ELSE 0 END`).join(' + ') || '0';
    return {
      sql: `SELECT ${part} AS part, -1 AS ref, ${pk} AS owner_key, NULL AS item_key, ${used} AS used FROM ${this.sql.id(target.table)} t WHERE ${clause.sql}`,
      bindings: [...bindings, ...clause.bindings],
      lock: 'update',
    };
  }

  /**
   * For a database that does not hold the profiles (partitions): which of `keys` something here outside
   * `excluded` refers to, in one statement for every request. The probes run over the keys themselves, as there
   * are no rows here to join them to.
   */
  async referencedHere(db: Knex, requests: readonly DecisionRequest[]): Promise<Set<KeyValue>[]> {
    const results = requests.map(() => new Set<KeyValue>());
    const branches = requests.flatMap(({ target, keys, excluded }, part): Branch[] => {
      const { probes, bindings } = this.usageProbes(target, 'k.k', excluded);
      if (keys.length === 0 || probes.length === 0) return [];
      const values = keys.map(() => 'SELECT ? AS k').join(' UNION ALL ');
      return [
        {
          sql: `SELECT ${part} AS part, k.k AS item_key FROM (${values}) k WHERE ${probes.join(' OR ')}`,
          bindings: [...keys, ...bindings],
          lock: undefined,
        },
      ];
    });
    if (branches.length === 0) return results;
    const { sql, bindings } = this.union(branches);
    for (const row of await this.sql.rows(db, sql, bindings)) {
      const part = Number(row['part']);
      const request = requests[part];
      if (request) results[part]?.add(this.keyOf(request.target, row['item_key']));
    }
    return results;
  }

  /**
   * Which of `keys` exist, read with shared locks (on MySQL/MariaDB) so that they cannot be deleted until the
   * transaction ends: what a foreign key does for a list whose items may live in another database.
   */
  async existing(db: Knex, definition: CompiledDefinition, keys: readonly KeyValue[]): Promise<Set<KeyValue>> {
    if (keys.length === 0) return new Set();
    const { id } = this.sql;
    const pk = id(definition.primary.column);
    const { sql, bindings } = this.sql.in(keys);
    const select = `SELECT ${pk} AS k FROM ${id(definition.table)} WHERE ${pk} ${sql}${this.sql.lockClause('share')}`;
    return new Set((await this.sql.rows(db, select, bindings)).map((row) => this.keyOf(definition, row['k'])));
  }

  /** Branches reading what the profiles of `set` reference (ref -2 - k), locked. */
  private outgoingOf(part: number, target: CompiledDefinition, set: KeySet): Branch[] {
    const { id } = this.sql;
    const pk = id(target.primary.column);
    return target.properties
      .filter((p) => p.references)
      .flatMap((p, k): Branch[] =>
        p.multiValued
          ? inClauses(this.sql, 'owner_key', set).map((c) => ({
              sql: `SELECT ${part} AS part, ${-2 - k} AS ref, owner_key, item_key, 0 AS used FROM ${id(p.linkTable ?? '')} WHERE ${c.sql}`,
              bindings: c.bindings,
              lock: 'share',
            }))
          : inClauses(this.sql, pk, set).map((c) => ({
              sql: `SELECT ${part} AS part, ${-2 - k} AS ref, ${pk} AS owner_key, ${id(p.column)} AS item_key, 0 AS used FROM ${id(target.table)} WHERE ${c.sql} AND ${id(p.column)} IS NOT NULL`,
              bindings: c.bindings,
              lock: 'update',
            })),
      );
  }

  /** Every stored reference to the given profiles, from any definition, in one statement (locking reads if asked). */
  async referrers(db: Knex, target: CompiledDefinition, keys: readonly KeyValue[], lock?: LockMode): Promise<ReferenceRow[]> {
    const branches = this.incoming(0, target, { keys }, lock);
    if (branches.length === 0) return [];
    const { sql, bindings } = this.union(branches);
    const references = this.definitions.referencing(target.name);
    return (await this.sql.rows(db, sql, bindings)).map((row) => this.incomingRow(target, references, row));
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
   * In one statement, for every request: locks its profiles (FOR UPDATE), tells for each whether anything but the
   * `excluded` profiles refers to it, and reads what each references. Whoever would start using one of them must
   * wait, and what is read is the latest state.
   */
  async lockForDecision(db: Knex, requests: readonly DecisionRequest[]): Promise<Decision[]> {
    const results = requests.map((): Decision => ({ used: new Map(), outgoing: [] }));
    const branches = requests.flatMap(({ target, keys, excluded }, part) => [
      ...inClauses(this.sql, `t.${this.sql.id(target.primary.column)}`, { keys }).map((clause) => this.lockAndUse(part, target, clause, excluded)),
      ...this.outgoingOf(part, target, { keys }),
    ]);
    if (branches.length === 0) return results;
    const { sql, bindings } = this.union(branches);
    for (const row of await this.sql.rows(db, sql, bindings)) {
      const part = Number(row['part']);
      const request = requests[part];
      const result = results[part];
      if (!request || !result) continue;
      const { target } = request;
      const ref = Number(row['ref']);
      if (ref === -1) {
        const key = this.keyOf(target, row['owner_key']);
        result.used.set(key, (result.used.get(key) ?? false) || Number(row['used']) > 0);
        continue;
      }
      const property = target.properties.filter((p) => p.references)[-2 - ref];
      const referenced = this.definitions.find(property?.references ?? '');
      result.outgoing.push({ from: target.name, property: property?.name ?? '', ownerKey: this.keyOf(target, row['owner_key']), itemKey: this.keyOf(referenced, row['item_key']) });
    }
    return results;
  }

  /** The multi-valued references to a definition. */
  linksTo(target: CompiledDefinition): Reference[] {
    return this.definitions.referencing(target.name).filter(({ property }) => property.multiValued);
  }

  /** The single-valued references to profiles of `target`. */
  singleReferencesTo(target: CompiledDefinition): Reference[] {
    return this.definitions.referencing(target.name).filter(({ property }) => !property.multiValued);
  }

  /** Removes the link rows that list the given items: one DELETE per link table. */
  async removeLinks(db: Knex, links: readonly Reference[], itemKeys: readonly KeyValue[]): Promise<void> {
    const { sql, bindings } = this.sql.in(itemKeys);
    for (const { property } of links) await this.sql.run(db, `DELETE FROM ${this.sql.id(property.linkTable ?? '')} WHERE item_key ${sql}`, bindings);
  }

  /** Sets the given single-valued references to the given profiles to null: one UPDATE per referencing property. */
  async clearReferences(db: Knex, references: readonly Reference[], keys: readonly KeyValue[]): Promise<void> {
    if (keys.length === 0) return;
    const { id } = this.sql;
    const { sql, bindings } = this.sql.in(keys);
    for (const { from, property } of references) {
      const column = id(property.column);
      await this.sql.run(db, `UPDATE ${id(from.table)} SET ${column} = NULL WHERE ${column} ${sql}`, bindings);
    }
  }
}
