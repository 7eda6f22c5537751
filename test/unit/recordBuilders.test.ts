import { compileDefinition } from '../../src/profiles/definitions/compileDefinition.js';
import { profileDefinitionSchema } from '../../src/profiles/definitions/profileDefinitionSchema.js';
import { fromColumnValue, fromListValue } from '../../src/profiles/store/columnValues.js';
import { recordBuildersOf } from '../../src/profiles/store/recordBuilders.js';

const definition = compileDefinition(
  profileDefinitionSchema.parse({
    name: 'Thing',
    properties: [
      { name: 'Info.id', type: 'string', keys: ['DUAL'] },
      { name: 'Info.count', type: 'number' },
      { name: 'Info.active', type: 'boolean' },
      { name: 'Info.seen_at', type: 'datetime' },
      { name: 'Info.owner', type: 'profile', references: 'Thing' },
      { name: 'Info.note', type: 'string' },
      { name: 'Info.parts', type: 'profile', references: 'Thing', multiValued: true },
      { name: 'Info.tags', type: 'string', multiValued: true },
    ],
  }),
  'Thing.json',
);

/** What a record was before the builders: a keyed store per property, each value converted on its own. */
function expected(valueOf: (index: number, column: string) => unknown): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  definition.columnProperties.forEach((p, i) => (record[p.name] = fromColumnValue(p, valueOf(i, p.column))));
  definition.listProperties.forEach((p, i) => (record[p.name] = fromListValue(valueOf(definition.columnProperties.length + i, p.column))));
  return record;
}

describe('record builders', () => {
  const builders = recordBuildersOf(definition);
  const rows: unknown[][] = [
    ['t1', '7', 1, '2026-11-21T10:00:00.123Z', 't0', 'a "quoted" note', [[1, 'b'], [0, 'a']], '[[0,"x"]]'],
    ['t2', 3, '0', '2026-11-21 10:00:00.000000', null, undefined, null, []],
    ['t3', null, null, null, null, null, undefined, null],
  ];

  it('builds from a JSON row by position what the per-property conversion built, property for property and in the same order', () => {
    for (const values of rows) {
      const record = builders.fromValues(values);
      const want = expected((i) => values[i]);
      expect(Object.keys(record)).toEqual(Object.keys(want));
      expect(record).toEqual(want);
    }
  });

  it('builds from a row by column name the same', () => {
    const columns = [...definition.columnProperties, ...definition.listProperties].map((p) => p.column);
    for (const values of rows) {
      const row = Object.fromEntries(columns.map((column, i) => [column, values[i]]));
      const record = builders.fromRow(row);
      const want = expected((_, column) => row[column]);
      expect(Object.keys(record)).toEqual(Object.keys(want));
      expect(record).toEqual(want);
    }
  });

  it('converts each type: numbers, booleans and datetimes from the text a store gives, lists sorted by position, absent values as null', () => {
    const record = builders.fromValues(rows[0] as unknown[]);
    expect(record['Info.count']).toBe(7);
    expect(record['Info.active']).toBe(true);
    expect(record['Info.seen_at']).toEqual(new Date('2026-11-21T10:00:00.123Z'));
    expect(record['Info.note']).toBe('a "quoted" note');
    expect(record['Info.parts']).toEqual(['a', 'b']);
    expect(record['Info.tags']).toEqual(['x']);
    const empty = builders.fromValues(rows[2] as unknown[]);
    expect(empty['Info.count']).toBeNull();
    expect(empty['Info.note']).toBeNull();
    expect(empty['Info.parts']).toEqual([]);
    expect(builders.fromValues(rows[1] as unknown[])['Info.note']).toBeNull();
  });

  it('gives every record every property of the definition, in the definition order', () => {
    const [a, b] = [builders.fromValues(rows[0] as unknown[]), builders.fromValues(rows[2] as unknown[])];
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a)).toEqual([...definition.columnProperties, ...definition.listProperties].map((p) => p.name));
  });
});
