import { join } from 'node:path';
import { jsonFilesIn } from '../config/jsonFilesIn.js';
import { displayPath } from '../config/displayPath.js';
import { readJsonFile } from '../config/readJsonFile.js';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { handlerNamePattern } from './handlerName.js';
import { salvagedSequenceFileSchema, sequenceFileSchema, type SequenceFile } from './sequenceFileSchema.js';

/** Who gave a sequence: the app's own sequences/ folder, or a module (`module userprofile`). */
export type SequenceOrigin = 'app' | `module ${string}`;

export interface SequenceSource {
  readonly handler: string;
  readonly file: string;
  readonly origin: SequenceOrigin;
  readonly definition: SequenceFile;
  /** False when the file breaks the schema: `definition` then holds what could be read of it, for checks and display. */
  readonly valid: boolean;
}

/**
 * Reads the sequence files of the folders in order; a later folder's file replaces an earlier one of its name whole.
 * Every file is read and checked, so that all problems are reported together; a file that is JSON but breaks the
 * schema still gives what can be read of it, so that the components it names are checked too.
 */
export async function readSequenceFiles(
  root: string,
  folders: readonly { dir: string; origin: SequenceOrigin }[],
): Promise<{ sources: Map<string, SequenceSource>; problems: ConfigurationProblem[] }> {
  const sources = new Map<string, SequenceSource>();
  const problems: ConfigurationProblem[] = [];
  for (const { dir, origin } of folders) {
    for (const name of await jsonFilesIn(dir)) {
      const path = join(dir, name);
      const file = displayPath(root, path);
      const handler = name.slice(0, -'.json'.length);
      if (!handlerNamePattern.test(handler)) {
        problems.push({
          file,
          path: '',
          message: `${name} is no handler name: expected Commerce{Create|Query|Update|Delete}Operation_<Model>.json`,
        });
        continue;
      }
      const read = await readJsonFile(path, file, sequenceFileSchema);
      if (read.ok) sources.set(handler, { handler, file, origin, definition: read.value, valid: true });
      else {
        problems.push(...read.problems);
        if (read.json !== undefined) sources.set(handler, { handler, file, origin, definition: salvagedSequenceFileSchema.parse(read.json), valid: false });
      }
    }
  }
  return { sources, problems };
}
