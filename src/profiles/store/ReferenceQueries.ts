import type { SqlTarget } from '../../storage/dialects/driverStatement.js';
import type { Dialect, LockMode, LockedSelect, Row } from '../../storage/dialects/Dialect.js';
import type { BoundSql } from '../../storage/dialects/sqlText.js';
import type { CompiledDefinition, KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { Decision, DecisionRequest } from './Decision.js';
import { inClauses, setShape } from './sql/keySets.js';
import { KeptStatements, Slot } from './sql/keptStatements.js';
import type { ReferenceRow } from './ReferenceRow.js';
import { incomingSelects, itemSelect, outgoingSelects, referenceProperties, usageProbes } from './sql/referenceSelects.js';
import { flatMap } from '../../util/flatMap.js';

/** Who references which profiles, and which exist: one statement per call, with the locks a decision needs. */
export class ReferenceQueries {
  /** lockForDecision's statements by the shape of their requests. */
  private readonly decisions = new KeptStatements();

  constructor(
    private readonly definitions: DefinitionSet,
    private readonly sql: Dialect,
  ) {}

  private keyOf(definition: CompiledDefinition | undefined, value: unknown): KeyValue {
    return definition?.primary.type === 'number' ? Number(value) : String(value);
  }

  private union(db: SqlTarget, selects: readonly LockedSelect[]): Promise<Row[]> {
    const { sql, bindings } = this.sql.union(selects);
    return this.sql.rows(db, sql, bindings);
  }

  /** Every stored reference to the given profiles, from any definition, in one statement (locking reads if asked). */
  async referrers(db: SqlTarget, target: CompiledDefinition, keys: readonly KeyValue[], lock?: LockMode): Promise<ReferenceRow[]> {
    const selects = incomingSelects(this.sql, this.definitions, 0, target, { keys }, lock);
    if (selects.length === 0) return [];
    const references = this.definitions.referencing(target.name);
    return (await this.union(db, selects)).map((row) => {
      const reference = references[Number(row['ref'])];
      return {
        from: reference?.from.name ?? '',
        property: reference?.property.name ?? '',
        ownerKey: this.keyOf(reference?.from, row['owner_key']),
        itemKey: this.keyOf(target, row['item_key']),
      };
    });
  }

  /**
   * Which of `keys` exist, read with shared locks (on MySQL/MariaDB) so that they cannot be deleted until the
   * transaction ends: what a foreign key does for a list whose items may live in another database.
   */
  async existing(db: SqlTarget, definition: CompiledDefinition, keys: readonly KeyValue[]): Promise<Set<KeyValue>> {
    if (keys.length === 0) return new Set();
    const { id } = this.sql;
    const pk = id(definition.primary.column);
    const { sql, bindings } = this.sql.in(keys);
    const select = `SELECT ${pk} AS k FROM ${id(definition.table)} WHERE ${pk} ${sql}${this.sql.lockClause('share')}`;
    return new Set((await this.sql.rows(db, select, bindings)).map((row) => this.keyOf(definition, row['k'])));
  }

  /**
   * In one statement, for every request: locks its profiles (FOR UPDATE), tells for each whether anything but the
   * `excluded` profiles refers to it, and reads what each references. Whoever would start using one of them must
   * wait, and what is read is the latest state.
   */
  async lockForDecision(db: SqlTarget, requests: readonly DecisionRequest[]): Promise<Decision[]> {
    const results = requests.map((): Decision => ({ used: new Map(), outgoing: [] }));
    const statement = this.decisions.statement(
      decisionShape(requests),
      (slotted) => this.decisionSql(slotted ? slottedRequests(requests) : requests),
      (slot) => (slot.list === '' ? requests[slot.part]?.keys : requests[slot.part]?.excluded.get(slot.list))?.[slot.index],
    );
    if (!statement) return results;
    for (const row of await this.sql.rows(db, statement.sql, statement.bindings)) {
      const part = Number(row['part']);
      const request = requests[part];
      const result = results[part];
      if (!request || !result) continue;
      const { target } = request;
      if (row['kind'] === 'item') {
        const key = this.keyOf(target, row['owner_key']);
        result.used.set(key, (result.used.get(key) ?? false) || Number(row['used']) > 0);
        continue;
      }
      const property = referenceProperties(target)[Number(row['property'])];
      const referenced = this.definitions.find(property?.references ?? '');
      result.outgoing.push({ from: target.name, property: property?.name ?? '', ownerKey: this.keyOf(target, row['owner_key']), itemKey: this.keyOf(referenced, row['item_key']) });
    }
    return results;
  }

  /** The decision's statement: per request, its profiles with their use (locked), and what they reference. */
  private decisionSql(requests: readonly DecisionRequest[]): BoundSql | undefined {
    const selects = flatMap(requests, ({ target, keys, excluded }, part) => [
      ...inClauses(this.sql, `t.${this.sql.id(target.primary.column)}`, { keys }).map((clause) => itemSelect(this.sql, this.definitions, part, target, clause, excluded)),
      ...outgoingSelects(this.sql, part, target, { keys }),
    ]);
    return selects.length ? this.sql.union(selects) : undefined;
  }

  /**
   * For a database that does not hold the profiles (partitions): which of `keys` something here outside
   * `excluded` refers to, in one statement for every request. The probes run over the keys themselves, as there
   * are no rows here to join them to.
   */
  async referencedHere(db: SqlTarget, requests: readonly DecisionRequest[]): Promise<Set<KeyValue>[]> {
    const results = requests.map(() => new Set<KeyValue>());
    const selects = flatMap(requests, ({ target, keys, excluded }, part): LockedSelect[] => {
      const { probes, bindings } = usageProbes(this.sql, this.definitions, target, 'k.k', excluded);
      if (keys.length === 0 || probes.length === 0) return [];
      const values = keys.map(() => 'SELECT ? AS k').join(' UNION ALL ');
      return [{ sql: `SELECT ${part} AS part, k.k AS item_key FROM (${values}) k WHERE ${probes.join(' OR ')}`, bindings: [...keys, ...bindings], lock: undefined }];
    });
    if (selects.length === 0) return results;
    for (const row of await this.union(db, selects)) {
      const part = Number(row['part']);
      const request = requests[part];
      if (request) results[part]?.add(this.keyOf(request.target, row['item_key']));
    }
    return results;
  }
}

/**
 * What the text of a decision's statement depends on: each request's definition, and how many keys each of its lists
 * holds (setShape's count: a list too long to keep a text for makes the statement be built anew).
 */
function decisionShape(requests: readonly DecisionRequest[]): string | undefined {
  let shape = '';
  for (const { target, keys, excluded } of requests) {
    const count = setShape({ keys });
    if (count === undefined) return undefined;
    shape += `\u0002${target.name}\u0001${count}`;
    for (const [type, others] of excluded) {
      const otherCount = setShape({ keys: others });
      if (otherCount === undefined) return undefined;
      shape += `\u0001${type}\u0001${otherCount}`;
    }
  }
  return shape;
}

/** The requests with a slot in place of each key (see KeptStatements): the list '' is a request's keys, else the excluded ones of that type. */
function slottedRequests(requests: readonly DecisionRequest[]): DecisionRequest[] {
  const slots = (part: number, list: string, keys: readonly KeyValue[]) => keys.map((_, index) => new Slot(part, list, index) as unknown as KeyValue);
  return requests.map(({ target, keys, excluded }, part) => ({
    target,
    keys: slots(part, '', keys),
    excluded: new Map([...excluded].map(([type, others]) => [type, slots(part, type, others)])),
  }));
}
