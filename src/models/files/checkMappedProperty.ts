import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import type { CompiledDefinition, CompiledProperty } from '../../profiles/definitions/CompiledDefinition.js';
import type { PropertyType } from '../../profiles/definitions/profileDefinitionSchema.js';
import type { ModelSource } from './ModelSource.js';

/** What a model needs of a profile property it maps. */
export interface Needs {
  readonly type?: PropertyType | undefined;
  /** The definition a reference must name. */
  readonly references?: string | undefined;
  readonly multiValued?: boolean | undefined;
  readonly primary?: boolean;
}

/**
 * Where a mismatch between a model and its definition is told: a module's model over a definition the app replaced
 * is the definition's to fix ("add it back"); otherwise the model file's (it mapped what is not there).
 */
export function blamesDefinition(source: ModelSource, definition: CompiledDefinition): boolean {
  return source.module !== undefined && definition.file.startsWith('config/');
}

/**
 * The profile property `name` of `definition`, checked against what `mappedBy` (UserProfile.email) needs of it;
 * problems go to the definition's file or to `at` in the model's, as `blamesDefinition` says. Undefined when it
 * does not fit.
 */
export function checkMappedProperty(
  definition: CompiledDefinition,
  name: string,
  mappedBy: string,
  needs: Needs,
  source: ModelSource,
  at: string,
  problems: ConfigurationProblem[],
): CompiledProperty | undefined {
  const property = definition.byName.get(name);
  const before = problems.length;
  const onDefinition = blamesDefinition(source, definition);
  const index = property ? definition.properties.indexOf(property) : -1;
  const report = (field: string, need: string, own: string) =>
    problems.push(
      onDefinition
        ? { file: definition.file, path: field ? `properties[${index}].${field}` : 'properties', message: `${definition.name}: ${mappedBy} maps ${name}, which ${need}` }
        : { file: source.file, path: at, message: own },
    );
  if (!property) {
    report('', 'is missing; add it back', `${definition.name} has no property ${name}; add it to config/profiles/${definition.name}.json`);
    return undefined;
  }
  if (needs.type && property.type !== needs.type) report('type', `must be of type ${needs.type}, not ${property.type}`, `${name} is of type ${property.type}, not ${needs.type}`);
  else if (needs.references && property.references !== needs.references) {
    report('references', `must reference ${needs.references}`, `${name} must reference ${needs.references}, not ${property.references ?? 'nothing'}`);
  }
  if (needs.multiValued !== undefined && property.multiValued !== needs.multiValued) {
    const kind = needs.multiValued ? 'multi-valued' : 'single-valued';
    report('multiValued', `must be ${kind}`, `${name} is ${property.multiValued ? 'a list' : 'single-valued'}: ${needs.multiValued ? 'a list relationship needs a multi-valued reference' : 'give "single": false, or map a multi-valued reference'}`);
  }
  if (needs.primary && !property.keys.has('PRIMARY')) report('keys', 'must be the PRIMARY key (or DUAL)', `id must map the PRIMARY key of ${definition.name}, not ${name}`);
  return problems.length === before ? property : undefined;
}
