import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonFilesIn } from '../config/jsonFilesIn.js';
import { displayPath } from '../config/displayPath.js';
import { readJsonFile } from '../config/readJsonFile.js';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import type { LocatedPatch } from './applySequencePatches.js';
import { handlerNamePattern } from './handlerName.js';
import { salvagedSequenceFileSchema, sequenceFileSchema, type SequenceFile } from './sequenceFileSchema.js';
import { sequencePatchFileSchema } from './sequencePatchSchema.js';
import { placedEntries, type PlacedEntry } from './StepOrigin.js';

/** Who gave a sequence: the app's own sequences/ folder, or a module (`module userprofile`). */
export type SequenceOrigin = 'app' | `module ${string}`;

export interface SequenceSource {
  readonly handler: string;
  /** The file that gave the sequence whole (the one patches edit). */
  readonly file: string;
  readonly origin: SequenceOrigin;
  readonly definition: SequenceFile;
  /** False when the file breaks the schema: `definition` then holds what could be read of it, for checks and display. */
  readonly valid: boolean;
  /** The effective steps, in order, disabled ones too, each with who put it there: the file's, as patches left them. */
  readonly entries: readonly PlacedEntry[];
  /** The contributors whose patches edited the sequence, in the order applied. */
  readonly patchedBy: readonly string[];
  /** The channel the sequence serves; undefined for the default channel. */
  readonly channel?: string | undefined;
}

const patchSuffix = '.patch.json';

function badName(name: string, file: string, what: string): ConfigurationProblem {
  return { file, path: '', message: `${name} is no handler name: expected Commerce{Create|Query|Update|Delete}Operation_<Model>${what}` };
}

/** What a steps' origin says of a sequence file: `app sequences/…json`, or the module (`package (module userprofile)` for the shipped ones). */
function labelOf(origin: SequenceOrigin, file: string, label: string | undefined): string {
  return label ?? (origin === 'app' ? `app ${file}` : origin);
}

/**
 * Reads the sequence files of the folders in order; a later folder's file replaces an earlier one of its name whole.
 * Every file is read and checked, so that all problems are reported together; a file that is JSON but breaks the
 * schema still gives what can be read of it, so that the components it names are checked too. Patch files
 * (`<Handler>.patch.json`) are read by readPatchFiles.
 */
export async function readSequenceFiles(
  root: string,
  folders: readonly { dir: string; origin: SequenceOrigin; label?: string; channel?: string }[],
): Promise<{ sources: Map<string, SequenceSource>; problems: ConfigurationProblem[] }> {
  const sources = new Map<string, SequenceSource>();
  const problems: ConfigurationProblem[] = [];
  for (const { dir, origin, label, channel } of folders) {
    for (const name of await jsonFilesIn(dir)) {
      if (name.endsWith(patchSuffix)) continue;
      const path = join(dir, name);
      const file = displayPath(root, path);
      const handler = name.slice(0, -'.json'.length);
      if (!handlerNamePattern.test(handler)) {
        problems.push(badName(name, file, '.json (or .patch.json)'));
        continue;
      }
      const by = labelOf(origin, file, label);
      const read = await readJsonFile(path, file, sequenceFileSchema);
      let definition: SequenceFile | undefined;
      if (read.ok) definition = read.value;
      else {
        problems.push(...read.problems);
        if (read.json !== undefined) definition = salvagedSequenceFileSchema.parse(read.json);
      }
      if (definition) {
        sources.set(handler, { handler, file, origin, definition, valid: read.ok, entries: placedEntries(definition.components, { by, file }), patchedBy: [], channel });
      }
    }
  }
  return { sources, problems };
}

/** One `<Handler>.patch.json`: its patches, and the sequence setting it changes, if any. */
export interface PatchFile {
  readonly handler: string;
  readonly file: string;
  readonly patches: (LocatedPatch & { handler: string })[];
  readonly transactionTimeoutSeconds: number | undefined;
}

/** A folder's `<Handler>.patch.json` files, in name order. */
export async function readPatchFiles(root: string, dir: string): Promise<{ files: PatchFile[]; problems: ConfigurationProblem[] }> {
  const files: PatchFile[] = [];
  const problems: ConfigurationProblem[] = [];
  for (const name of await jsonFilesIn(dir)) {
    if (!name.endsWith(patchSuffix)) continue;
    const path = join(dir, name);
    const file = displayPath(root, path);
    const handler = name.slice(0, -patchSuffix.length);
    if (!handlerNamePattern.test(handler)) {
      problems.push(badName(name, file, patchSuffix));
      continue;
    }
    const read = await readJsonFile(path, file, sequencePatchFileSchema);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const patches = read.value.patches.map((patch, i) => ({ handler, patch, by: `patch ${file}`, file, path: `patches[${String(i)}]` }));
    files.push({ handler, file, patches, transactionTimeoutSeconds: read.value.transactionTimeoutSeconds });
  }
  return { files, problems };
}

/** The sub-folders of `dir` (channel folders under sequences/); none when it does not exist. */
export async function foldersIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
