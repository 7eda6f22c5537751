import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas, jsonSchemaText } from '../src/config/jsonSchemas.js';
import { packageRoot } from '../src/config/packageRoot.js';

const dir = join(packageRoot, 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(dir, name), jsonSchemaText(schema));
  process.stdout.write(`wrote schemas/${name}\n`);
}
