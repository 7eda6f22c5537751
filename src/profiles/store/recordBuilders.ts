import type { CompiledDefinition, CompiledProperty } from '../definitions/CompiledDefinition.js';
import { fromColumnValue, fromListValue } from './columnValues.js';
import type { ProfileRecord } from './ProfileRecord.js';

/** A definition's record from one row the store answered: by position (a JSON row), or by column name. */
export interface RecordBuilders {
  readonly fromValues: (values: readonly unknown[]) => ProfileRecord;
  readonly fromRow: (row: Readonly<Record<string, unknown>>) => ProfileRecord;
}

/**
 * The record builders of a definition, generated once for it: each returns one object literal with the definition's
 * property names written in, so that every record of a definition is made in one allocation with one hidden class,
 * rather than grown by a keyed store per property (which V8 looks up anew for every property of every row: 2.5 % of
 * a SQLite cold Query, BENCHMARKS.md). Text and references are taken as they are; other types go through
 * fromColumnValue, lists through fromListValue, exactly as before.
 *
 * The generated text holds only the definition's property and column names, each written with JSON.stringify (a
 * string literal whatever it holds; the definition schema allows letters, digits, underscores and a dot anyway), and
 * positions: nothing from a request or a row.
 */
export function recordBuildersOf(definition: CompiledDefinition): RecordBuilders {
  const { columnProperties, listProperties } = definition;
  const literal = (valueAt: (property: CompiledProperty, position: number) => string) =>
    [
      ...columnProperties.map((p, i) => {
        const value = valueAt(p, i);
        return `${JSON.stringify(p.name)}: ${p.type === 'string' || p.type === 'profile' ? `${value} ?? null` : `column(properties[${i}], ${value})`}`;
      }),
      ...listProperties.map((p, i) => `${JSON.stringify(p.name)}: list(${valueAt(p, columnProperties.length + i)})`),
    ].join(',\n');
  const generate = (parameter: string, valueAt: (property: CompiledProperty, position: number) => string): unknown => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the definition's names alone (see above)
    const factory = new Function('column', 'list', 'properties', `return function (${parameter}) {\n  return {\n${literal(valueAt)}\n  };\n};`) as (
      column: typeof fromColumnValue,
      list: typeof fromListValue,
      properties: readonly CompiledProperty[],
    ) => unknown;
    return factory(fromColumnValue, fromListValue, columnProperties);
  };
  return {
    fromValues: generate('values', (_, position) => `values[${position}]`) as RecordBuilders['fromValues'],
    fromRow: generate('row', (p) => `row[${JSON.stringify(p.column)}]`) as RecordBuilders['fromRow'],
  };
}
