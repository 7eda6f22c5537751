import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { jsonFilesIn } from '../../config/jsonFilesIn.js';
import { packageRoot } from '../../config/packageRoot.js';
import { commerceConfigFile } from '../../config/readCommerceConfig.js';
import { exitCodes, type CliIO } from '../CliIO.js';

const schemaPath = (name: string, depth: number) => `${'../'.repeat(depth)}node_modules/commerce-foundation/schemas/${name}`;

type Outcome = 'wrote' | 'replaced' | 'kept' | 'unchanged';

const outcomeNotes: Record<Outcome, string> = { wrote: '', replaced: ' (--force)', kept: ' (exists; --force to replace)', unchanged: ' (exists, the same)' };

const keyNotes: Record<Outcome, string | undefined> = {
  wrote: 'config/commerce.json holds a new encryption key for card numbers: in production set COMMERCE_ENCRYPTION_KEY instead.',
  replaced: 'config/commerce.json holds a new encryption key: card numbers stored under the one it replaced can no longer be read.',
  kept: undefined,
  unchanged: undefined,
};

async function writeUnlessKept(target: string, text: string, force: boolean): Promise<Outcome> {
  const existing = existsSync(target) ? await readFile(target, 'utf8') : undefined;
  if (existing === text) return 'unchanged';
  if (existing !== undefined && !force) return 'kept';
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
  return existing === undefined ? 'wrote' : 'replaced';
}

/** `commerce init`: writes config/commerce.json, the shipped sequence files and profile definitions, for editing. */
export async function initCommand(root: string, options: { force?: boolean }, io: CliIO): Promise<number> {
  const files = new Map<string, string>();
  const config = {
    $schema: schemaPath('commerce.schema.json', 1),
    database: 'sqlite:data/commerce.sqlite',
    cache: { ttlSeconds: 300, maxEntries: 16384 },
    encryptionKey: randomBytes(32).toString('hex'),
  };
  files.set(commerceConfigFile, JSON.stringify(config, null, 2));
  for (const name of await jsonFilesIn(join(packageRoot, 'sequences'))) {
    const json = JSON.parse(await readFile(join(packageRoot, 'sequences', name), 'utf8'));
    files.set(`sequences/${name}`, JSON.stringify({ ...json, $schema: schemaPath('sequence.schema.json', 1) }, null, 2));
  }
  for (const name of await jsonFilesIn(join(packageRoot, 'config/profiles'))) {
    const json = JSON.parse(await readFile(join(packageRoot, 'config/profiles', name), 'utf8'));
    files.set(`config/profiles/${name}`, JSON.stringify({ ...json, $schema: schemaPath('profile-definition.schema.json', 2) }, null, 2));
  }
  let configOutcome: Outcome = 'kept';
  for (const [path, text] of files) {
    const outcome = await writeUnlessKept(join(root, path), `${text}\n`, options.force === true);
    if (path === commerceConfigFile) configOutcome = outcome;
    io.out(`  ${outcome.padEnd(10)}${path}${outcomeNotes[outcome]}`);
  }
  io.out(`\nThe app in ${relative(process.cwd(), root) || '.'} is ready: edit sequences/ to change what each operation runs.`);
  const key = keyNotes[configOutcome];
  if (key) io.out(key);
  return exitCodes.ok;
}
