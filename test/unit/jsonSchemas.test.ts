import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas, jsonSchemaText } from '../../src/config/jsonSchemas.js';
import { packageRoot } from '../../src/config/packageRoot.js';

describe('shipped JSON Schemas', () => {
  test.each(Object.entries(jsonSchemas()))('schemas/%s is exactly what the zod schema generates', (name, schema) => {
    expect(readFileSync(join(packageRoot, 'schemas', name), 'utf8')).toBe(jsonSchemaText(schema));
  });

  test('the sequence schema describes the documented file', () => {
    const schema = jsonSchemas()['sequence.schema.json'] as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'description', 'transactional', 'isolationLevel', 'components']);
    expect(schema.required).toEqual(['components']);
  });
});
