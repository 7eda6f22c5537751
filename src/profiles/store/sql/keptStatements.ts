import type { BoundSql } from '../../../storage/dialects/sqlText.js';

/**
 * A value's place in a statement kept by its shape: the `index`th value of the list `list` of the `part`th request.
 * A statement is built once with slots where the values go; later ones with the same shape bind the values found at
 * the same places (see KeptStatements).
 */
export class Slot {
  constructor(
    readonly part: number,
    readonly list: string,
    readonly index: number,
  ) {}
}

/** How many statement texts are kept at most: shapes are few in practice; a bound keeps unusual ones from piling up. */
const keptAtMost = 256;

/**
 * Statements whose text depends only on the shape of what they are built for (which definitions, how many keys in
 * each list), kept by that shape: built once, each later one binds its own values into the same text, so that
 * neither the text (kilobytes) is concatenated anew nor, being the same string, hashed anew by the driver's cache of
 * prepared statements.
 *
 * A statement is built for slots (see Slot) rather than values; it is kept only when every value it binds is a slot
 * or null (padding), so that nothing of one call's values can stay in it. Where a dialect folds a list into one bound
 * value (SQLite's JSON array for a long list), the built statement binds text, is not kept, and is built with the
 * values each time, as before.
 */
export class KeptStatements {
  /** By shape: the statement built for slots; 'none' when there is no statement; 'unkept' when it cannot be kept. */
  private readonly kept = new Map<string, BoundSql | 'none' | 'unkept'>();

  /**
   * The statement for `values`: kept for `shape` (built for slots with `build` on first use); when `shape` is
   * undefined, or the statement of its shape cannot be kept, built with the values themselves. Undefined when there
   * is no statement.
   */
  statement(shape: string | undefined, build: (slotted: boolean) => BoundSql | undefined, valueAt: (slot: Slot) => unknown): BoundSql | undefined {
    if (shape === undefined) return build(false);
    let template = this.kept.get(shape);
    if (template === undefined) {
      const built = build(true);
      template = built === undefined ? 'none' : built.bindings.every((b) => b instanceof Slot || b === null) ? built : 'unkept';
      if (this.kept.size >= keptAtMost) this.kept.clear();
      this.kept.set(shape, template);
    }
    if (template === 'none') return undefined;
    if (template === 'unkept') return build(false);
    return { sql: template.sql, bindings: template.bindings.map((b) => (b instanceof Slot ? valueAt(b) : b)) };
  }
}
