import type { Dialect } from '../../../storage/dialects/Dialect.js';
import type { BoundSql } from '../../../storage/dialects/sqlText.js';
import type { ResolvedFilter, ResolvedSort } from '../../search/ProfileSearch.js';
import { toColumnValue } from '../columnValues.js';
import { flatMap } from '../../../util/flatMap.js';

const comparisons = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/**
 * The condition of a resolved filter on the row `t`: names from the definition, every value bound. Two-valued: a
 * row without a value matches no comparison, and `ne` and `not` match it (`IS NOT TRUE`, where plain NOT would
 * leave it unknown).
 */
export function filterSql(sql: Dialect, filter: ResolvedFilter): BoundSql {
  switch (filter.kind) {
    case 'all':
    case 'any': {
      const parts = filter.parts.map((part) => filterSql(sql, part));
      return { sql: `(${parts.map((p) => p.sql).join(filter.kind === 'all' ? ' AND ' : ' OR ')})`, bindings: flatMap(parts, (p) => p.bindings) };
    }
    case 'not': {
      const part = filterSql(sql, filter.part);
      return { sql: `(${part.sql}) IS NOT TRUE`, bindings: part.bindings };
    }
    case 'condition': {
      const column = `t.${sql.id(filter.property.column)}`;
      const values = filter.values.map((value) => toColumnValue(sql, filter.property, value));
      switch (filter.op) {
        case 'isNull':
          return { sql: `${column} IS ${filter.values[0] ? '' : 'NOT '}NULL`, bindings: [] };
        case 'in': {
          const list = sql.in(values);
          return { sql: `${column} ${list.sql}`, bindings: list.bindings };
        }
        case 'ne':
          return { sql: `(${column} = ?) IS NOT TRUE`, bindings: values };
        case 'startsWith':
        case 'contains':
          return sql.like(column, String(filter.values[0]), filter.op === 'startsWith' ? 'start' : 'anywhere');
        default:
          return { sql: `${column} ${comparisons[filter.op]} ?`, bindings: values };
      }
    }
  }
}

/** ORDER BY the sort terms (sortTerms: the primary key last): a stable order, so that pages neither repeat nor skip a row. */
export function orderSql(sql: Dialect, terms: readonly ResolvedSort[]): string {
  return ` ORDER BY ${terms.map((s) => `t.${sql.id(s.property.column)}${s.descending ? ' DESC' : ''}`).join(', ')}`;
}
