import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import type { ModelPropertyFile, ModelRelationshipFile } from './modelFileSchema.js';
import { modelNameOf, type ModelSource } from './ModelSource.js';

/** A property or relationship with the source that gave it, for messages. */
export interface Sourced<T> {
  readonly spec: T;
  readonly source: ModelSource;
}

/** A model declaration with what files extending it add. */
export interface MergedModel {
  readonly name: string;
  readonly profile: string;
  /** The declaration's `bulk`: only the file that declares the model says it. */
  readonly bulk: boolean;
  readonly declaration: ModelSource;
  readonly properties: Map<string, Sourced<ModelPropertyFile>>;
  readonly relationships: Map<string, Sourced<ModelRelationshipFile>>;
}

const where = (source: ModelSource) => (source.module ? `module ${source.module} (${source.file})` : source.file);

/**
 * Declarations (files naming a `profile`), each once, with the properties and relationships that files naming none
 * add to them, in the order given (modules first, then the app's files).
 */
export function mergeModelSources(sources: readonly ModelSource[]): { models: MergedModel[]; problems: ConfigurationProblem[] } {
  const problems: ConfigurationProblem[] = [];
  const models = new Map<string, MergedModel>();
  const twice = new Set<ModelSource>();
  for (const source of sources) {
    const { profile } = source.model;
    if (profile === undefined) continue;
    const name = modelNameOf(source);
    const first = models.get(name);
    if (first) {
      problems.push({ file: source.file, path: 'name', message: `${name} is declared twice: by ${where(first.declaration)} and by ${where(source)}` });
      twice.add(source);
      continue;
    }
    models.set(name, { name, profile, bulk: source.model.bulk ?? false, declaration: source, properties: new Map(), relationships: new Map() });
  }
  for (const source of sources) {
    if (twice.has(source)) continue;
    const name = modelNameOf(source);
    const model = models.get(name);
    if (!model) {
      const known = [...models.keys()].join(', ') || 'none';
      problems.push({ file: source.file, path: '', message: `${name} is no model; to declare one, name its profile definition in "profile" (declared models: ${known})` });
      continue;
    }
    for (const [property, spec] of Object.entries(source.model.properties)) {
      const path = `properties.${property}`;
      if (model.properties.has(property) || property === 'modelName') problems.push({ file: source.file, path, message: `${name}.${property} is mapped already` });
      else model.properties.set(property, { spec: typeof spec === 'string' ? { profile: spec } : spec, source });
    }
    for (const [relationship, spec] of Object.entries(source.model.relationships)) {
      const path = `relationships.${relationship}`;
      if (model.relationships.has(relationship)) problems.push({ file: source.file, path, message: `${name}.${relationship} is declared already` });
      else model.relationships.set(relationship, { spec, source });
    }
  }
  return { models: [...models.values()], problems };
}
