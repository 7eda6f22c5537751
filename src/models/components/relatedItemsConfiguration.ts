import { z } from 'zod';
import { modelNamePattern } from '../../requests/requestJsonSchema.js';
import type { StepUnderCheck } from '../../sequences/SequenceComponent.js';
import type { ModelMapping, RelationshipMapping } from '../mapping/ModelMapping.js';
import { relationshipOf } from '../mapping/ModelMapping.js';
import type { Models } from '../Models.js';

export const relatedItemsConfigurationSchema = z.strictObject({
  relationships: z
    .array(z.string().regex(modelNamePattern, 'must be a relationship name'))
    .min(1)
    .describe("The model's relationships this step handles, e.g. [\"Addresses\", \"PreferredAddress\"]."),
});

export type RelatedItemsConfiguration = z.output<typeof relatedItemsConfigurationSchema>;

/** The relationships a configuration names, or what is wrong with them for `mapping`. */
export function relationshipsNamed(mapping: ModelMapping, names: readonly string[]): { relationships: RelationshipMapping[]; problems: string[] } {
  const relationships: RelationshipMapping[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const relationship = relationshipOf(mapping, name);
    if (relationship) relationships.push(relationship);
    else problems.push(`${mapping.modelName} has no relationship ${name}; it has ${Object.keys(mapping.relationships).join(', ') || 'none'}`);
  }
  return { relationships, problems };
}

/** A step of a component configured with relationships, checked at start-up against its handler's model. */
export function checkRelationshipsStep(models: Models, step: StepUnderCheck<RelatedItemsConfiguration>, work: string): string[] {
  const mapping = models.find(step.modelName);
  if (!mapping) return [`${step.modelName} is no model stored in profiles: ${step.handler} cannot ${work}`];
  return relationshipsNamed(mapping, step.configuration.relationships).problems;
}
