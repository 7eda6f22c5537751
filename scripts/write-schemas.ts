import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withConfigurationReference } from './configReference.js';
import { jsonSchemas, jsonSchemaText } from './jsonSchemas.js';
import { packageRoot } from '../src/config/packageRoot.js';

const dir = join(packageRoot, 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(dir, name), jsonSchemaText(schema));
  process.stdout.write(`wrote schemas/${name}\n`);
}
const readmePath = join(packageRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = withConfigurationReference(readme);
if (updated !== readme) {
  writeFileSync(readmePath, updated);
  process.stdout.write('wrote the configuration reference in README.md\n');
}
