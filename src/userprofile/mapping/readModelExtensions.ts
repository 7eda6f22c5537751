import { join } from 'node:path';
import { z } from 'zod';
import { displayPath } from '../../config/displayPath.js';
import { jsonFilesIn } from '../../config/jsonFilesIn.js';
import { readJsonFile } from '../../config/readJsonFile.js';
import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import type { DefinitionSet } from '../../profiles/definitions/DefinitionSet.js';
import { mappedProperty, type PropertyMapping } from './ModelMapping.js';
import type { ModelExtensions } from './ModelMappings.js';
import { builtInModelMappings } from './userProfileMappings.js';

export const modelExtensionSchema = z
  .strictObject({
    $schema: z.string().optional(),
    properties: z
      .record(
        z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'must be an entity property name (camelCase)'),
        z.union([z.string(), z.strictObject({ profile: z.string(), readOnly: z.boolean().optional() })]),
      )
      .describe('Entity property → profile property (Group.property), or { profile, readOnly }.'),
  })
  .describe('config/models/<Model>.json: more properties of a model, each stored in a property of its profile definition.');

/** Reads `<root>/config/models/<Model>.json`: entity properties an app maps onto properties it added to a definition. */
export async function readModelExtensions(root: string, definitions: DefinitionSet): Promise<{ extensions: ModelExtensions; problems: ConfigurationProblem[] }> {
  const dir = join(root, 'config/models');
  const extensions = new Map<string, Record<string, PropertyMapping>>();
  const problems: ConfigurationProblem[] = [];
  for (const name of await jsonFilesIn(dir)) {
    const file = displayPath(root, join(dir, name));
    const modelName = name.slice(0, -'.json'.length);
    const builtIn = builtInModelMappings.find((m) => m.modelName === modelName);
    if (!builtIn) {
      problems.push({ file, path: '', message: `${modelName} is no model; one of ${builtInModelMappings.map((m) => m.modelName).join(', ')}` });
      continue;
    }
    const read = await readJsonFile(join(dir, name), file, modelExtensionSchema);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const definition = definitions.get(builtIn.profileType);
    const properties: Record<string, PropertyMapping> = {};
    for (const [entityProperty, target] of Object.entries(read.value.properties)) {
      const mapping = typeof target === 'string' ? { profile: target } : { profile: target.profile, ...(target.readOnly ? { readOnly: true } : {}) };
      const property = definition.byName.get(mapping.profile);
      const path = `properties.${entityProperty}`;
      if (mappedProperty(builtIn, entityProperty) || entityProperty === 'modelName') problems.push({ file, path, message: `${modelName}.${entityProperty} is mapped already` });
      else if (!property) problems.push({ file, path, message: `${definition.name} has no property ${mapping.profile}; add it to config/profiles/${definition.name}.json` });
      else if (property.type === 'profile') problems.push({ file, path, message: `${mapping.profile} is a reference; only values (string, number, boolean, datetime) can be mapped` });
      else properties[entityProperty] = mapping;
    }
    extensions.set(modelName, properties);
  }
  return { extensions, problems };
}
