import type { SqlTarget } from '../../storage/dialects/driverStatement.js';
import type { Dialect, LockMode } from '../../storage/dialects/Dialect.js';
import type { BoundSql } from '../../storage/dialects/sqlText.js';
import { sortTerms, type ResolvedSearch, type SortedRecord } from '../search/ProfileSearch.js';
import { filterSql, orderSql } from './sql/filterSql.js';
import { type CompiledDefinition, type CompiledProperty, type KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import { recordBuildersOf, type RecordBuilders } from './recordBuilders.js';
import { inBindings, joinedSources, setShape, type KeySet } from './sql/keySets.js';
import type { ProfileRecord } from './ProfileRecord.js';
import { jsonRow, selectList } from './sql/profileSelects.js';
import { flatMap } from '../../util/flatMap.js';

export interface LoadPart {
  readonly definition: CompiledDefinition;
  /** The key the set is of; the primary key when absent. */
  readonly key?: CompiledProperty;
  readonly set: KeySet;
}

interface ProfileSelects {
  readonly list: string;
  readonly lockedList: string;
  readonly jsonRow: string;
  readonly records: RecordBuilders;
}

/** How many texts of loadMany's statement (and of load's) are kept at most. */
const keptUnions = 256;
/** How many texts of loadWith's statement are kept at most for one key property. */
const keptWithTexts = 16;

const sameProperties = (a: readonly CompiledProperty[], b: readonly CompiledProperty[]) => a.length === b.length && a.every((property, i) => property === b[i]);

/** Reads profiles from the store: a profile with all its lists in one statement, and several definitions' profiles in one too. */
export class ProfileLoader {
  private readonly selects = new Map<string, ProfileSelects>();
  /** loadMany's statement text by the shape of its parts: built once per shape, and the same string each time after. */
  private readonly unions = new Map<string, string>();
  /** load's statement text by definition, key, lock and how many keys. */
  private readonly loads = new Map<string, string>();
  /** loadWith's statement text by key property, then by how many keys and which includes. */
  private readonly withTexts = new Map<CompiledProperty, { readonly count: number; readonly includes: readonly CompiledProperty[]; readonly sql: string }[]>();

  constructor(
    private readonly definitions: DefinitionSet,
    private readonly sql: Dialect,
  ) {}

  /**
   * A definition's select lists, the JSON array of a whole profile that loadMany selects, and the builders of its
   * records from either: built once, as they are long.
   */
  private selectsOf(definition: CompiledDefinition): ProfileSelects {
    let selects = this.selects.get(definition.name);
    if (!selects) {
      const { sql } = this;
      selects = { list: selectList(sql, definition, false), lockedList: selectList(sql, definition, true), jsonRow: jsonRow(sql, definition), records: recordBuildersOf(definition) };
      this.selects.set(definition.name, selects);
    }
    return selects;
  }

  private toRecord(definition: CompiledDefinition, row: Record<string, unknown>): ProfileRecord {
    return this.selectsOf(definition).records.fromRow(row);
  }

  /** A profile from the JSON array of jsonRow: its columns, then its lists, by position. */
  private fromJsonRow(definition: CompiledDefinition, values: readonly unknown[]): ProfileRecord {
    return this.selectsOf(definition).records.fromValues(values);
  }

  /**
   * The profiles whose `key` is one of `values`, each with all its lists, in one statement. A locked load locks the
   * rows (and, with shared locks, their link rows), so that what it returns is the latest committed state and stays
   * so until the transaction ends.
   */
  async load(db: SqlTarget, definition: CompiledDefinition, key: CompiledProperty, values: readonly KeyValue[], lock?: LockMode): Promise<ProfileRecord[]> {
    if (values.length === 0) return [];
    const { sql, bindings } = this.loadText(definition, key, values, lock);
    return (await this.sql.rows(db, sql, bindings)).map((row) => this.toRecord(definition, row));
  }

  /** load (without locks), answered in this turn where the dialect can (see Dialect.rowsNow); undefined where it must wait. */
  loadNow(db: SqlTarget, definition: CompiledDefinition, key: CompiledProperty, values: readonly KeyValue[]): ProfileRecord[] | undefined {
    if (values.length === 0) return [];
    const { sql, bindings } = this.loadText(definition, key, values, undefined);
    return this.sql.rowsNow?.(db, sql, bindings)?.map((row) => this.toRecord(definition, row));
  }

  /** load's statement: kept by what it depends on (as loadMany's UNION is), the same string each time, hashed once by the statement cache. */
  private loadText(definition: CompiledDefinition, key: CompiledProperty, values: readonly KeyValue[], lock: LockMode | undefined): BoundSql {
    const { sql: where, bindings } = this.sql.in(values);
    const keys = setShape({ keys: values });
    const shape = keys === undefined ? undefined : `${definition.name}\u0001${key.name}\u0001${lock ?? ''}\u0001${keys}`;
    let sql = shape === undefined ? undefined : this.loads.get(shape);
    if (sql === undefined) {
      const { id } = this.sql;
      const selects = this.selectsOf(definition);
      sql = `SELECT ${lock ? selects.lockedList : selects.list} FROM ${id(definition.table)} t WHERE t.${id(key.column)} ${where}${this.sql.lockClause(lock)}`;
      if (shape !== undefined) {
        if (this.loads.size >= keptUnions) this.loads.clear();
        this.loads.set(shape, sql);
      }
    }
    return { sql, bindings };
  }

  /** The WHERE clause of a search: empty when it has no filter. */
  private whereOf(search: Pick<ResolvedSearch, 'filter'>): BoundSql {
    if (!search.filter) return { sql: '', bindings: [] };
    const where = filterSql(this.sql, search.filter);
    return { sql: ` WHERE ${where.sql}`, bindings: where.bindings };
  }

  /**
   * A page of the profiles a search matches, in its order (the primary key last), each with all its lists, in one
   * statement: the database filters, sorts and pages. `rows` overrides the search's page (a partition's share).
   */
  async searchPage(db: SqlTarget, definition: CompiledDefinition, search: ResolvedSearch, lock?: LockMode): Promise<ProfileRecord[]> {
    return (await this.searchRows(db, definition, search, { offset: search.offset, limit: search.limit }, false, lock)).map((row) => this.toRecord(definition, row));
  }

  /**
   * One partition's share of a search over several: its first `limit` rows in order, each with the values it sorts
   * by as JavaScript compares them (SortedRecord), for mergePages.
   */
  async searchShare(db: SqlTarget, definition: CompiledDefinition, search: ResolvedSearch, limit: number | undefined, lock?: LockMode): Promise<SortedRecord[]> {
    const rows = await this.searchRows(db, definition, search, { offset: 0, limit }, true, lock);
    return rows.map((row) => ({ record: this.toRecord(definition, row), sortKeys: sortTerms(search, definition).map((_, i) => row[`sort_key_${i}`]) }));
  }

  private async searchRows(db: SqlTarget, definition: CompiledDefinition, search: ResolvedSearch, rows: { offset: number; limit: number | undefined }, withSortKeys: boolean, lock: LockMode | undefined) {
    const { id } = this.sql;
    const selects = this.selectsOf(definition);
    const where = this.whereOf(search);
    const page = this.sql.page(rows.offset, rows.limit);
    const order = orderSql(this.sql, sortTerms(search, definition));
    const keys = withSortKeys
      ? sortTerms(search, definition).map(({ property }, i) => {
          const column = `t.${id(property.column)}`;
          return `, ${property.type === 'string' || property.references ? this.sql.textSortKey(column) : column} AS sort_key_${i}`;
        })
      : [];
    // The page's keys first, from the table and its indexes alone; then the page's rows with their lists: the lists'
    // subqueries run for the rows returned, not for every row OFFSET passes over.
    const primary = id(definition.primary.column);
    const pageKeys = `SELECT t.${primary} AS page_key FROM ${id(definition.table)} t${where.sql}${order}${page.sql}`;
    const sql = `SELECT ${lock ? selects.lockedList : selects.list}${keys.join('')} FROM ${id(definition.table)} t JOIN (${pageKeys}) p ON p.page_key = t.${primary}${order}${this.sql.lockClause(lock)}`;
    return this.sql.rows(db, sql, [...where.bindings, ...page.bindings]);
  }

  /**
   * One page of the items each owner lists in `list`, sorted by `sort` (then by their place in the list), with how many
   * each owner lists: one statement for every owner (window functions number each owner's items). An owner whose
   * page is empty still answers its total.
   */
  async relatedPages(db: SqlTarget, owner: CompiledDefinition, list: CompiledProperty, item: CompiledDefinition, ownerKeys: readonly KeyValue[], page: Omit<ResolvedSearch, 'filter' | 'count'>): Promise<Map<KeyValue, { records: ProfileRecord[]; total: number }>> {
    const pages = new Map<KeyValue, { records: ProfileRecord[]; total: number }>();
    if (ownerKeys.length === 0) return pages;
    const { id } = this.sql;
    const owners = this.sql.in(ownerKeys);
    const order = [...page.sort.map((s) => `t.${id(s.property.column)}${s.descending ? ' DESC' : ''}`), 'l.position'].join(', ');
    const numbered = `SELECT l.owner_key AS related_owner, ${this.selectsOf(item).list}, ROW_NUMBER() OVER (PARTITION BY l.owner_key ORDER BY ${order}) AS related_row, COUNT(*) OVER (PARTITION BY l.owner_key) AS related_total FROM ${id(list.linkTable ?? '')} l JOIN ${id(item.table)} t ON t.${id(item.primary.column)} = l.item_key WHERE l.owner_key ${owners.sql}`;
    const last = page.limit === undefined ? Number.MAX_SAFE_INTEGER : page.offset + page.limit;
    const sql = `SELECT * FROM (${numbered}) r WHERE (related_row > ? AND related_row <= ?) OR related_row = 1 ORDER BY related_owner, related_row`;
    for (const row of await this.sql.rows(db, sql, [...owners.bindings, page.offset, last])) {
      const ownerKey = (owner.primary.type === 'number' ? Number(row['related_owner']) : row['related_owner']) as KeyValue;
      const entry = pages.get(ownerKey) ?? { records: [], total: Number(row['related_total']) };
      pages.set(ownerKey, entry);
      const position = Number(row['related_row']);
      if (position > page.offset && position <= last) entry.records.push(this.toRecord(item, row));
    }
    return pages;
  }

  /** How many profiles a search's filter matches, in one statement. */
  async searchCount(db: SqlTarget, definition: CompiledDefinition, search: Pick<ResolvedSearch, 'filter'>): Promise<number> {
    const where = this.whereOf(search);
    const [row] = await this.sql.rows(db, `SELECT COUNT(*) AS n FROM ${this.sql.id(definition.table)} t${where.sql}`, where.bindings);
    return Number(row?.['n'] ?? 0);
  }

  /**
   * Profiles of several definitions in one statement of JSON rows (a JSON array per profile): each part by a key set on its primary key (or on
   * another key, `key`). Each profile comes once, under the first part that found it.
   */
  async loadMany(db: SqlTarget, parts: readonly LoadPart[], text?: BoundSql): Promise<Map<CompiledDefinition, ProfileRecord[]>> {
    const { sql, bindings } = text ?? this.unionOf(parts);
    return this.recordsByPart(parts, sql === '' ? [] : await this.sql.rows(db, sql, bindings));
  }

  /** loadMany's JSON rows, as records by definition: each profile once, under the first part that found it. */
  private recordsByPart(parts: readonly LoadPart[], rows: readonly Record<string, unknown>[]): Map<CompiledDefinition, ProfileRecord[]> {
    const result = new Map<CompiledDefinition, ProfileRecord[]>(parts.map((p) => [p.definition, []]));
    // The primary keys found so far, by definition (one table: its keys come back as the same type each time).
    const seen = new Map<CompiledDefinition, Set<unknown>>();
    for (const row of rows) {
      const part = parts[Number(row['part'])];
      if (!part) continue;
      const { definition } = part;
      const values = (typeof row['profile'] === 'string' ? JSON.parse(row['profile']) : row['profile']) as unknown[];
      const record = this.fromJsonRow(definition, values);
      let found = seen.get(definition);
      if (!found) seen.set(definition, (found = new Set()));
      const key = record[definition.primary.name];
      if (found.has(key)) continue;
      found.add(key);
      result.get(definition)?.push(record);
    }
    return result;
  }

  /**
   * loadMany's UNION of one branch per part and key source (empty text when no part has a key): its text is kept by
   * the parts' shape (definitions, key properties, key counts), so that a repeated load reuses the same string
   * rather than concatenating 2 KB again; the values are bound anew each time.
   */
  private unionOf(parts: readonly LoadPart[]): BoundSql {
    let shape: string | undefined = '';
    for (const { definition, key, set } of parts) {
      const ofSet = setShape(set);
      if (ofSet === undefined) {
        shape = undefined;
        break;
      }
      shape += `\u0002${definition.name}\u0001${(key ?? definition.primary).name}\u0001${ofSet}`;
    }
    const kept = shape === undefined ? undefined : this.unions.get(shape);
    if (kept !== undefined) return { sql: kept, bindings: flatMap(parts, ({ set }) => inBindings(this.sql, set)) };
    const branches = flatMap(parts, ({ definition, key, set }, part) =>
      joinedSources(this.sql, definition.table, (key ?? definition.primary).column, set).map((source) => ({
        sql: `SELECT ${String(part)} AS part, ${this.selectsOf(definition).jsonRow} ${source.sql}`,
        bindings: source.bindings,
      })),
    );
    const sql = branches.map((b) => b.sql).join(' UNION ALL ');
    if (shape !== undefined) {
      // Shapes are few in practice (a model's loads); a bound keeps an unusual mix of key counts from piling up.
      if (this.unions.size >= keptUnions) this.unions.clear();
      this.unions.set(shape, sql);
    }
    return { sql, bindings: flatMap(branches, (b) => b.bindings) };
  }

  /**
   * Profiles by `key`, with the profiles they reference through `includes`, in one statement: a profile and what a
   * response needs of it in a single round trip.
   */
  loadWith(
    db: SqlTarget,
    definition: CompiledDefinition,
    key: CompiledProperty,
    values: readonly KeyValue[],
    includes: readonly CompiledProperty[],
  ): Promise<Map<CompiledDefinition, ProfileRecord[]>> {
    const { parts, text } = this.withText(definition, key, values, includes);
    return this.loadMany(db, parts, text);
  }

  /** loadWith, answered in this turn where the dialect can (see Dialect.rowsNow); undefined where it must wait. */
  loadWithNow(db: SqlTarget, definition: CompiledDefinition, key: CompiledProperty, values: readonly KeyValue[], includes: readonly CompiledProperty[]): Map<CompiledDefinition, ProfileRecord[]> | undefined {
    if (!this.sql.rowsNow) return undefined;
    const { parts, text } = this.withText(definition, key, values, includes);
    const rows = text.sql === '' ? [] : this.sql.rowsNow(db, text.sql, text.bindings);
    return rows && this.recordsByPart(parts, rows);
  }

  /** loadWith's parts and statement. */
  private withText(definition: CompiledDefinition, key: CompiledProperty, values: readonly KeyValue[], includes: readonly CompiledProperty[]): { parts: LoadPart[]; text: BoundSql } {
    const parts: LoadPart[] = [
      { definition, key, set: { keys: values } },
      ...includes.map((property) => ({
        definition: this.definitions.get(property.references ?? ''),
        set: { keys: [], via: [{ from: definition, property, by: key, keys: values }] },
      })),
    ];
    // Its text depends on the key, how many values and which includes alone: found by those, without building
    // unionOf's shape string.
    const kept = this.withTexts.get(key)?.find((text) => text.count === values.length && sameProperties(text.includes, includes));
    if (kept) return { parts, text: { sql: kept.sql, bindings: flatMap(parts, ({ set }) => inBindings(this.sql, set)) } };
    const text = this.unionOf(parts);
    if (setShape({ keys: values }) !== undefined) {
      const texts = this.withTexts.get(key) ?? [];
      // A few shapes a key in practice (the counts of keys a model asks for); a bound keeps an unusual mix from piling up.
      if (texts.length >= keptWithTexts) texts.length = 0;
      texts.push({ count: values.length, includes: [...includes], sql: text.sql });
      this.withTexts.set(key, texts);
    }
    return { parts, text };
  }
}
