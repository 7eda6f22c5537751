import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import type { CompiledDefinition } from '../../profiles/definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../../profiles/definitions/DefinitionSet.js';
import type { PropertyType } from '../../profiles/definitions/profileDefinitionSchema.js';
import { builtInModelMappings, userProfileMapping, userProfileRelationshipSpecs } from './userProfileMappings.js';

interface Needs {
  readonly type: PropertyType | undefined;
  /** The definition a reference must name. */
  readonly references?: string | undefined;
  readonly multiValued?: boolean;
  readonly primary?: boolean;
}

/** One profile property a model property (or relationship) maps, checked against what the mapping needs of it. */
function checkMapped(definition: CompiledDefinition, name: string, mappedBy: string, needs: Needs): ConfigurationProblem[] {
  const problem = (path: string, message: string) => ({ file: definition.file, path, message: `${definition.name}: ${message}` });
  const property = definition.byName.get(name);
  if (!property) return [problem('properties', `${mappedBy} maps ${name}, which is missing; add it back`)];
  const at = `properties[${definition.properties.indexOf(property)}]`;
  const problems: ConfigurationProblem[] = [];
  if (needs.type && property.type !== needs.type) problems.push(problem(`${at}.type`, `${mappedBy} maps ${name}, which must be of type ${needs.type}, not ${property.type}`));
  else if (needs.references && property.references !== needs.references) {
    problems.push(problem(`${at}.references`, `${mappedBy} maps ${name}, which must reference ${needs.references}`));
  }
  if (needs.multiValued !== undefined && property.multiValued !== needs.multiValued) {
    problems.push(problem(`${at}.multiValued`, `${mappedBy} maps ${name}, which must be ${needs.multiValued ? 'multi-valued' : 'single-valued'}`));
  }
  if (needs.primary && !property.keys.has('PRIMARY')) problems.push(problem(`${at}.keys`, `${mappedBy} maps ${name}, which must be the PRIMARY key (or DUAL)`));
  return problems;
}

/**
 * The built-in models against the definitions in use: an app's replacement of UserObject, Address, CreditCard or
 * ShippingMethod must keep every property they map, of the type they need, or requests would fail at run time.
 */
export function checkModelMappings(definitions: DefinitionSet): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  for (const mapping of builtInModelMappings) {
    const definition = definitions.get(mapping.profileType);
    for (const [property, target] of Object.entries(mapping.properties)) {
      // An item's reference names a definition (a card's billing address); the user's name relationships, checked below.
      const references = target.reference && definitions.find(target.reference) ? target.reference : undefined;
      problems.push(...checkMapped(definition, target.profile, `${mapping.modelName}.${property}`, { type: target.type, references, primary: property === 'id' }));
    }
  }
  const owner = definitions.get(userProfileMapping.profileType);
  for (const spec of userProfileRelationshipSpecs) {
    const target = builtInModelMappings.find((m) => m.modelName === spec.modelName)?.profileType;
    problems.push(...checkMapped(owner, spec.profileProperty, `${userProfileMapping.modelName}.${spec.name}`, { type: 'profile', references: target, multiValued: spec.many }));
  }
  return problems;
}
