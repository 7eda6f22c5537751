import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { shippedModules } from '../../index.js';
import { exitCodes, type CliIO } from '../CliIO.js';
import { schemaPath, writeFiles, type Outcome } from '../writeFiles.js';

const keyNotes: Record<Outcome, string | undefined> = {
  wrote: 'config/commerce.json holds a new encryption key for card numbers: in production set COMMERCE_ENCRYPTION_KEY instead.',
  replaced: 'config/commerce.json holds a new encryption key: card numbers stored under the one it replaced can no longer be read.',
  kept: undefined,
  unchanged: undefined,
};

const commerceConfigFile = 'config/commerce.json';

/** The JSON files of a folder, none when there is no folder. */
async function jsonFilesIn(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.json')).sort();
}

/** The files of the shipped modules' folders an app may edit: sequences and profile definitions, by path in the app. */
async function shippedFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const copies = [
    { folder: 'sequences', schema: schemaPath('sequence.schema.json', 1) },
    { folder: 'config/profiles', schema: schemaPath('profile-definition.schema.json', 2) },
  ];
  for (const module of shippedModules) {
    for (const { folder, schema } of copies) {
      const dir = join(module.folder, folder);
      for (const name of await jsonFilesIn(dir)) {
        const json = JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
        files.set(`${folder}/${name}`, JSON.stringify({ ...json, $schema: schema }, null, 2));
      }
    }
  }
  return files;
}

/** `commerce init`: writes config/commerce.json, the shipped modules' sequence files and profile definitions, for editing. */
export async function initCommand(root: string, options: { force?: boolean }, io: CliIO): Promise<number> {
  const files = new Map<string, string>();
  const config = {
    $schema: schemaPath('commerce.schema.json', 1),
    database: 'sqlite:data/commerce.sqlite',
    cache: { ttlSeconds: 300, maxEntries: 16384 },
    encryptionKey: randomBytes(32).toString('hex'),
  };
  files.set(commerceConfigFile, JSON.stringify(config, null, 2));
  for (const [path, text] of await shippedFiles()) files.set(path, text);
  const outcomes = await writeFiles(root, files, options.force === true, io);
  io.out(`\nThe app in ${relative(process.cwd(), root) || '.'} is ready: edit sequences/ to change what each operation runs.`);
  const key = keyNotes[outcomes.get(commerceConfigFile) ?? 'kept'];
  if (key) io.out(key);
  return exitCodes.ok;
}
