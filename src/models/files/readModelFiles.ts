import { join } from 'node:path';
import { displayPath } from '../../config/displayPath.js';
import { jsonFilesIn } from '../../config/jsonFilesIn.js';
import { readJsonFile } from '../../config/readJsonFile.js';
import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import { modelFileSchema } from './modelFileSchema.js';
import type { ModelSource } from './ModelSource.js';

/** The model files of a folder (`config/models`), each named after its model. */
export async function readModelFiles(root: string, dir: string, module?: string): Promise<{ sources: ModelSource[]; problems: ConfigurationProblem[] }> {
  const sources: ModelSource[] = [];
  const problems: ConfigurationProblem[] = [];
  for (const name of await jsonFilesIn(dir)) {
    const file = displayPath(root, join(dir, name));
    const read = await readJsonFile(join(dir, name), file, modelFileSchema);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const fallbackName = name.slice(0, -'.json'.length);
    if (read.value.name !== undefined && read.value.name !== fallbackName) {
      problems.push({ file, path: 'name', message: `declares ${read.value.name}; the file must be named ${read.value.name}.json` });
      continue;
    }
    sources.push({ file, fallbackName, model: read.value, ...(module ? { module } : {}) });
  }
  return { sources, problems };
}
