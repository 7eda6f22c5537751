import { compileDefinition } from '../../src/profiles/definitions/compileDefinition.js';
import { profileDefinitionSchema } from '../../src/profiles/definitions/profileDefinitionSchema.js';
import { newRecord } from '../../src/profiles/runtime/Profile.js';

const definition = compileDefinition(
  profileDefinitionSchema.parse({
    name: 'User',
    properties: [
      { name: 'G.places', type: 'profile', references: 'Place', multiValued: true },
      { name: 'G.id', type: 'string', keys: ['DUAL'] },
      { name: 'G.email', type: 'string', keys: ['UNIQUE'] },
      { name: 'G.tags', type: 'string', multiValued: true },
      { name: 'G.born', type: 'datetime' },
    ],
  }),
  'User.json',
);

describe('a new profile’s record', () => {
  test('holds every property from the start, null but its PRIMARY key, columns first and lists after, as the store’s reads build records', () => {
    const record = newRecord(definition, 'u1');
    const order = [...definition.columnProperties, ...definition.listProperties].map((p) => p.name);
    expect(Object.keys(record)).toEqual(order);
    expect(order.slice(-2)).toEqual(['G.places', 'G.tags']);
    expect(record).toEqual({ 'G.id': 'u1', 'G.email': null, 'G.born': null, 'G.places': null, 'G.tags': null });
  });

  test('is a record of its own each time: one profile’s record never shows another’s key', () => {
    const first = newRecord(definition, 'u1');
    const second = newRecord(definition, 'u2');
    expect(first).not.toBe(second);
    expect(first['G.id']).toBe('u1');
    expect(second['G.id']).toBe('u2');
  });
});
