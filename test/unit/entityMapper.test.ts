import { EntityMapper } from '../../src/models/mapping/EntityMapper.js';
import type { ModelMapping, PropertyMapping } from '../../src/models/mapping/ModelMapping.js';

const property = (profile: string, extra: Partial<PropertyMapping> = {}): PropertyMapping => ({
  profile,
  type: 'string',
  valueType: 'string',
  readOnly: false,
  required: false,
  key: false,
  searchable: false,
  ...extra,
});

const mapping: ModelMapping = {
  modelName: 'Thing',
  profileType: 'ThingObject',
  properties: {
    id: property('G.id', { key: true }),
    name: property('G.name'),
    count: property('G.count', { type: 'number', valueType: 'number' }),
    active: property('G.active', { type: 'boolean', valueType: 'boolean' }),
    created: property('G.created', { type: 'datetime', valueType: 'datetime', readOnly: true }),
    cardNumber: property('G.card', { cardNumber: { lastFourDigits: 'cardIdentifier' } }),
    cardIdentifier: property('G.last4'),
    otherCard: property('G.other_card', { cardNumber: { lastFourDigits: 'nowhere' } }),
    'odd"name\\': property('G.odd"profile\\'),
  },
  relationships: {},
  bulk: false,
};

describe('EntityMapper.toEntity', () => {
  const mapper = new EntityMapper(undefined);
  const everyName = Object.keys(mapping.properties);
  const records = [
    { 'G.id': 't1', 'G.name': 'Name', 'G.count': 0, 'G.active': false, 'G.created': new Date('2026-12-02T10:00:00.000Z'), 'G.card': 'v1:sealed', 'G.last4': '4242', 'G.other_card': 'v1:x', 'G.odd"profile\\': 'odd' },
    { 'G.id': 't2', 'G.name': null, 'G.count': 7, 'G.active': true, 'G.created': null, 'G.card': 'v1:sealed', 'G.last4': null },
    { 'G.id': 3 },
  ];

  test('every property: what is set, datetimes as ISO text, card numbers masked, the same as asking for each property by name', () => {
    for (const record of records) expect(mapper.toEntity(mapping, record)).toEqual(mapper.toEntity(mapping, record, everyName));
    expect(mapper.toEntity(mapping, records[0] ?? {})).toEqual({
      modelName: 'Thing',
      id: 't1',
      name: 'Name',
      count: 0,
      active: false,
      created: '2026-12-02T10:00:00.000Z',
      cardNumber: '************4242',
      cardIdentifier: '4242',
      otherCard: '************',
      'odd"name\\': 'odd',
    });
    expect(mapper.toEntity(mapping, records[1] ?? {})).toEqual({ modelName: 'Thing', id: 't2', count: 7, active: true, cardNumber: '************' });
    expect(mapper.toEntity(mapping, records[2] ?? {})).toEqual({ modelName: 'Thing', id: 3 });
  });

  test('propertiesToReturn: the id and those named, nothing else', () => {
    expect(mapper.toEntity(mapping, records[0] ?? {}, ['count', 'created'])).toEqual({ modelName: 'Thing', id: 't1', count: 0, created: '2026-12-02T10:00:00.000Z' });
  });

  test('a datetime changed after it was answered is answered as it is now', () => {
    const record = { 'G.id': 't4', 'G.created': new Date('2026-12-02T10:00:00.000Z') };
    expect(mapper.toEntity(mapping, record)['created']).toBe('2026-12-02T10:00:00.000Z');
    record['G.created'].setUTCFullYear(2030);
    expect(mapper.toEntity(mapping, record)['created']).toBe('2030-12-02T10:00:00.000Z');
  });
});
