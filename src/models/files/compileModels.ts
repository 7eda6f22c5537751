import type { z } from 'zod';
import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import type { CompiledDefinition } from '../../profiles/definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../../profiles/definitions/DefinitionSet.js';
import type { ModelMapping, PropertyMapping, RelationshipMapping } from '../mapping/ModelMapping.js';
import { valueSchema } from '../validation/valueSchema.js';
import { checkConstraints } from './checkConstraints.js';
import { checkMappedProperty } from './checkMappedProperty.js';
import { mergeModelSources, type MergedModel } from './mergeModelSources.js';
import type { ModelPropertyFile } from './modelFileSchema.js';
import type { ModelSource } from './ModelSource.js';
import { flatMap } from '../../util/flatMap.js';

/** A model ready for requests: how it is stored, and how a request may give each of its values. */
export interface CompiledModel {
  readonly mapping: ModelMapping;
  /** Entity property → the schema of a value a request gives for it. */
  readonly valueSchemas: Readonly<Record<string, z.ZodType>>;
  /** Entity property → its constraints as the model file states them. */
  readonly constraints: Readonly<Record<string, ModelPropertyFile>>;
}

type Problems = ConfigurationProblem[];
type Relationships = Record<string, RelationshipMapping>;

/** Profile definition → the model stored in it (the first declared), for the words of faults. */
type ModelNames = ReadonlyMap<string, string>;

function compileProperties(model: MergedModel, definition: CompiledDefinition, definitions: DefinitionSet, modelNames: ModelNames, problems: Problems) {
  const properties: Record<string, PropertyMapping> = {};
  const valueSchemas: Record<string, z.ZodType> = {};
  const constraints: Record<string, ModelPropertyFile> = {};
  const relationshipFor = (profile: string) => [...model.relationships].find(([, r]) => r.spec.profile === profile)?.[0];
  for (const [name, { spec, source }] of model.properties) {
    const at = `properties.${name}`;
    const needs = { type: spec.type, references: spec.references, primary: name === 'id' };
    const property = checkMappedProperty(definition, spec.profile, `${model.name}.${name}`, needs, source, at, problems);
    if (!property) continue;
    const before = problems.length;
    checkConstraints(spec, property, at, source.file, problems);
    // Constraints that do not fit (a pattern that is no regular expression) cannot make a schema.
    if (problems.length > before) continue;
    if (property.multiValued) {
      problems.push({ file: source.file, path: at, message: `${spec.profile} is a list: map it as a relationship, not as a property` });
      continue;
    }
    const relationship = property.type === 'profile' ? relationshipFor(spec.profile) : undefined;
    const referenced = property.references ? definitions.find(property.references)?.primary : undefined;
    const schema = valueSchema(property, spec, referenced);
    if (spec.default !== undefined && !schema.safeParse(spec.default).success) {
      problems.push({ file: source.file, path: `${at}.default`, message: `breaks the property's own constraints` });
    }
    valueSchemas[name] = schema;
    constraints[name] = spec;
    properties[name] = {
      profile: spec.profile,
      type: property.type,
      valueType: property.type === 'profile' ? (referenced?.type ?? 'string') : property.type,
      readOnly: spec.readOnly ?? false,
      required: spec.required ?? false,
      key: property.isKey,
      searchable: (spec.searchable ?? false) || property.isKey,
      ...(relationship
        ? { relationship }
        : property.references
          ? { references: property.references, referencedModel: modelNames.get(property.references) ?? property.references }
          : {}),
      ...(spec.sensitive === 'cardNumber' && spec.lastFourDigits ? { cardNumber: { lastFourDigits: spec.lastFourDigits } } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  }
  if (!model.properties.has('id')) problems.push({ file: model.declaration.file, path: 'properties', message: `${model.name} must map id to the PRIMARY key of ${definition.name}` });
  for (const [name, { spec, source }] of model.properties) {
    const lastFour = spec.lastFourDigits;
    if (lastFour !== undefined && properties[lastFour]?.type !== 'string') {
      problems.push({ file: source.file, path: `properties.${name}.lastFourDigits`, message: `${lastFour} must be a property of ${model.name} stored as a string` });
    }
  }
  return { properties, valueSchemas, constraints };
}

function compileRelationships(model: MergedModel, definition: CompiledDefinition, mappings: ReadonlyMap<string, ModelMapping>, into: Relationships, problems: Problems): void {
  for (const [name, { spec, source }] of model.relationships) {
    const at = `relationships.${name}`;
    const related = mappings.get(spec.model);
    if (!related) {
      problems.push({ file: source.file, path: `${at}.model`, message: `${spec.model} is no model; known: ${[...mappings.keys()].join(', ')}` });
      continue;
    }
    const needs = { type: 'profile' as const, references: related.profileType, multiValued: !spec.single };
    // A relationship its definition does not fit is a problem reported here; it is kept, so that steps naming it
    // report nothing more.
    checkMappedProperty(definition, spec.profile, `${model.name}.${name}`, needs, source, `${at}.profile`, problems);
    const list = spec.oneOf === undefined ? undefined : model.relationships.get(spec.oneOf)?.spec;
    if (spec.oneOf !== undefined && (!spec.single || list?.single || list?.model !== spec.model)) {
      problems.push({ file: source.file, path: `${at}.oneOf`, message: `a single relationship can be one of a list relationship of ${model.name} holding ${spec.model}` });
    }
    into[name] = {
      name,
      model: related,
      profileProperty: spec.profile,
      many: !spec.single,
      deleteWhenUnused: spec.deleteWhenUnused ?? false,
      ...(spec.oneOf !== undefined ? { oneOf: spec.oneOf } : {}),
    };
  }
}

/**
 * Searchable properties whose column has no index: allowed (a search then reads the whole table), and worth a
 * warning, for `commerce validate`.
 */
function unindexedSearches(model: MergedModel, definition: CompiledDefinition): Problems {
  const warnings: Problems = [];
  for (const [name, { spec, source }] of model.properties) {
    const property = definition.byName.get(spec.profile);
    if (!spec.searchable || !property || property.indexed) continue;
    warnings.push({
      file: source.file,
      path: `properties.${name}.searchable`,
      message: `${model.name}.${name} is searchable, but ${definition.name}'s ${spec.profile} has no index: searches by it read the whole table ("indexed": true in ${definition.file} adds one)`,
    });
  }
  return warnings;
}

/**
 * Model files (modules' and the app's) as models requests can name, checked against the profile definitions in use:
 * every inconsistency is a problem with its file and path.
 */
export function compileModels(sources: readonly ModelSource[], definitions: DefinitionSet): { models: CompiledModel[]; problems: Problems; warnings: Problems } {
  const { models: merged, problems } = mergeModelSources(sources);
  const compiled: { model: MergedModel; definition: CompiledDefinition; relationships: Relationships; result: CompiledModel }[] = [];
  const mappings = new Map<string, ModelMapping>();
  const modelNames = new Map<string, string>();
  for (const model of merged) if (!modelNames.has(model.profile)) modelNames.set(model.profile, model.name);
  for (const model of merged) {
    const definition = definitions.find(model.profile);
    if (!definition) {
      problems.push({ file: model.declaration.file, path: 'profile', message: `${model.profile} is no profile definition; known: ${definitions.all().map((d) => d.name).join(', ')}` });
      continue;
    }
    const { properties, valueSchemas, constraints } = compileProperties(model, definition, definitions, modelNames, problems);
    const relationships: Relationships = {};
    const mapping: ModelMapping = { modelName: model.name, profileType: definition.name, properties, relationships, bulk: model.bulk };
    mappings.set(model.name, mapping);
    compiled.push({ model, definition, relationships, result: { mapping, valueSchemas, constraints } });
  }
  for (const { model, definition, relationships } of compiled) compileRelationships(model, definition, mappings, relationships, problems);
  const warnings = flatMap(compiled, ({ model, definition }) => unindexedSearches(model, definition));
  return { models: compiled.map((c) => c.result), problems, warnings };
}
