import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { jsonFilesIn } from '../../config/jsonFilesIn.js';
import { packageRoot } from '../../config/packageRoot.js';
import { exitCodes, type CliIO } from '../CliIO.js';

const schemaPath = (name: string, depth: number) => `${'../'.repeat(depth)}node_modules/commerce-foundation/schemas/${name}`;

/** `commerce init`: writes config/commerce.json, the shipped sequence files and profile definitions, for editing. */
export async function initCommand(root: string, options: { force?: boolean }, io: CliIO): Promise<number> {
  const files = new Map<string, string>();
  const config = {
    $schema: schemaPath('commerce.schema.json', 1),
    database: 'sqlite:data/commerce.sqlite',
    cache: { ttlSeconds: 300, maxEntries: 16384 },
    encryptionKey: randomBytes(32).toString('hex'),
  };
  files.set('config/commerce.json', JSON.stringify(config, null, 2));
  for (const name of await jsonFilesIn(join(packageRoot, 'sequences'))) {
    const json = JSON.parse(await readFile(join(packageRoot, 'sequences', name), 'utf8'));
    files.set(`sequences/${name}`, JSON.stringify({ ...json, $schema: schemaPath('sequence.schema.json', 1) }, null, 2));
  }
  for (const name of await jsonFilesIn(join(packageRoot, 'config/profiles'))) {
    const json = JSON.parse(await readFile(join(packageRoot, 'config/profiles', name), 'utf8'));
    files.set(`config/profiles/${name}`, JSON.stringify({ ...json, $schema: schemaPath('profile-definition.schema.json', 2) }, null, 2));
  }
  for (const [path, text] of files) {
    const target = join(root, path);
    if (existsSync(target) && !options.force) {
      io.out(`  kept     ${path} (exists; --force to replace)`);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${text}\n`);
    io.out(`  wrote    ${path}`);
  }
  io.out(`\nThe app in ${relative(process.cwd(), root) || '.'} is ready: edit sequences/ to change what each operation runs.`);
  io.out('config/commerce.json holds a new encryption key for card numbers: in production set COMMERCE_ENCRYPTION_KEY instead.');
  return exitCodes.ok;
}
