import { z } from 'zod';
import { commerceConfigSchema } from '../../src/config/commerceConfigSchema.js';
import { jsonSyntaxError } from '../../src/util/jsonSyntaxError.js';
import { knownKeys } from '../../src/util/knownKeys.js';
import { zodIssues } from '../../src/util/zodIssues.js';

describe('where a text breaks JSON', () => {
  test.each([
    ['{\n  "a": [1, 2,]\n}', 'line 2, column 14: JSON allows no comma before a closing bracket'],
    ['{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3: "," expected'],
    ['{ "a": 1 } // note', 'line 1, column 12: JSON allows no comments'],
    ['{ "a": tru }', 'line 1, column 8: unexpected character'],
    ['', 'line 1, column 1: a value expected'],
  ])('%j: %s, and only the first place', (text, where) => {
    expect(jsonSyntaxError(text)).toBe(where);
  });

  test('valid JSON breaks nowhere', () => {
    expect(jsonSyntaxError('{ "a": [1, { "b": null }] }')).toBeUndefined();
  });
});

describe('the keys a schema knows, for "did you mean"', () => {
  test('through optional values, unions and arrays', () => {
    expect(knownKeys(commerceConfigSchema, ['database']).sort()).toEqual(['client', 'connection', 'filename', 'partitions', 'pool', 'synchronous']);
    expect(knownKeys(commerceConfigSchema, ['database', 'partitions', 0]).sort()).toEqual(['connection', 'default', 'name']);
    expect(knownKeys(commerceConfigSchema, ['nowhere'])).toEqual([]);
  });

  test('an unknown key is named with the nearest known ones, given the schema', () => {
    const schema = z.strictObject({ cache: z.strictObject({ ttlSeconds: z.number().optional(), maxEntries: z.number() }).optional() });
    const error = schema.safeParse({ cache: { ttlSecond: 1, maxEntries: 1, zebra: 2 } }).error;
    expect(error && zodIssues(error, 'config', '', schema)).toEqual([
      { path: 'config.cache.ttlSecond', message: 'unknown property ttlSecond. Did you mean ttlSeconds?' },
      { path: 'config.cache.zebra', message: 'unknown property zebra' },
    ]);
  });
});
