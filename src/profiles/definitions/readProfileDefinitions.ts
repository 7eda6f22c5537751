import { join } from 'node:path';
import { jsonFilesIn } from '../../config/jsonFilesIn.js';
import { displayPath } from '../../config/displayPath.js';
import { readJsonFile } from '../../config/readJsonFile.js';
import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import type { DefinitionSource } from './checkDefinitions.js';
import { profileDefinitionSchema } from './profileDefinitionSchema.js';

/** The shipped definitions, then the app's `config/profiles/`: an app file adds a definition or replaces one by name. */
export async function readProfileDefinitions(
  root: string,
  folders: readonly string[],
): Promise<{ sources: DefinitionSource[]; problems: ConfigurationProblem[] }> {
  const byName = new Map<string, DefinitionSource>();
  const problems: ConfigurationProblem[] = [];
  for (const dir of folders) {
    for (const name of await jsonFilesIn(dir)) {
      const file = displayPath(root, join(dir, name));
      const read = await readJsonFile(join(dir, name), file, profileDefinitionSchema);
      if (!read.ok) {
        problems.push(...read.problems);
        continue;
      }
      if (`${read.value.name}.json` !== name) {
        problems.push({ file, path: 'name', message: `defines ${read.value.name}; the file must be named ${read.value.name}.json` });
        continue;
      }
      byName.set(read.value.name, { file, definition: read.value });
    }
  }
  return { sources: [...byName.values()], problems };
}
