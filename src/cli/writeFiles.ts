import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CliIO } from './CliIO.js';

export type Outcome = 'wrote' | 'replaced' | 'kept' | 'unchanged';

const outcomeNotes: Record<Outcome, string> = { wrote: '', replaced: ' (--force)', kept: ' (exists; --force to replace)', unchanged: ' (exists, the same)' };

/** Where a file of the app points `$schema`: the package's schemas, from `depth` folders down. */
export const schemaPath = (name: string, depth: number) => `${'../'.repeat(depth)}node_modules/commerce-foundation/schemas/${name}`;

async function writeUnlessKept(target: string, text: string, force: boolean): Promise<Outcome> {
  const existing = existsSync(target) ? await readFile(target, 'utf8') : undefined;
  if (existing === text) return 'unchanged';
  if (existing !== undefined && !force) return 'kept';
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
  return existing === undefined ? 'wrote' : 'replaced';
}

/** Writes each file (JSON text by path in the root) unless one is there and `force` is not given; says per file what it did. */
export async function writeFiles(root: string, files: ReadonlyMap<string, string>, force: boolean, io: CliIO): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  for (const [path, text] of files) {
    const outcome = await writeUnlessKept(join(root, path), `${text}\n`, force);
    outcomes.set(path, outcome);
    io.out(`  ${outcome.padEnd(10)}${path}${outcomeNotes[outcome]}`);
  }
  return outcomes;
}
