import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas, jsonSchemaText } from '../../scripts/jsonSchemas.js';
import { packageRoot } from '../../src/config/packageRoot.js';

describe('shipped JSON Schemas', () => {
  test.each(Object.entries(jsonSchemas()))('schemas/%s is exactly what the zod schema generates', (name, schema) => {
    expect(readFileSync(join(packageRoot, 'schemas', name), 'utf8')).toBe(jsonSchemaText(schema));
  });

  test('the sequence schema describes the documented file', () => {
    const schema = jsonSchemas()['sequence.schema.json'] as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'description', 'transactional', 'isolationLevel', 'transactionTimeoutSeconds', 'components']);
    expect(schema.required).toEqual(['components']);
  });

  test('the patch schema describes the patch file: add, remove, replace and configure', () => {
    const schema = jsonSchemas()['sequence-patch.schema.json'] as { properties: { patches: { items: { anyOf: { required: string[] }[] } } }; required?: string[] };
    expect(schema.required).toBeUndefined();
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'description', 'transactionTimeoutSeconds', 'patches']);
    expect(schema.properties.patches.items.anyOf.map((v) => v.required)).toEqual([['add'], ['remove'], ['replace', 'with'], ['configure', 'configuration']]);
  });
});

describe('the configuration reference in the README', () => {
  test('is exactly what the zod schema of config/commerce.json generates (npm run build writes it)', async () => {
    const { withConfigurationReference } = await import('../../scripts/configReference.js');
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    expect(readme).toBe(withConfigurationReference(readme));
  });

  test('documents the database, the cache and the encryption key', async () => {
    const { configurationReference } = await import('../../scripts/configReference.js');
    const reference = configurationReference();
    for (const key of ['database', 'database.filename', 'database.connection', 'database.partitions[].name', 'cache.ttlSeconds', 'cache.maxEntries', 'encryptionKey', 'components']) {
      expect(reference).toContain(`| \`${key}\` |`);
    }
    expect(reference).toContain('| `cache.ttlSeconds` | number | `300` |');
  });
});
