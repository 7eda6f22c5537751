import { inject, injectable } from 'inversify';
import type { z } from 'zod';
import { ModelsToken } from '../../container/tokens.js';
import type { CommerceOperation } from '../../requests/CommerceOperation.js';
import type { OperationContext } from '../../sequences/OperationContext.js';
import type { SequenceComponent, StepUnderCheck } from '../../sequences/SequenceComponent.js';
import type { EntityValues, ModelMapping, RelationshipMapping } from '../mapping/ModelMapping.js';
import type { Models } from '../Models.js';
import { deleteUnused } from './deleteUnused.js';
import { handedOverSlot, ModelSlots } from './ModelSlots.js';
import { checkRelationshipsStep, relatedItemsConfigurationSchema, relationshipsNamed, type RelatedItemsConfiguration } from './relatedItemsConfiguration.js';
import { RelatedItemChanges } from './RelatedItemChanges.js';

/**
 * For the relationships its configuration names (`{ "relationships": ["Addresses", "PreferredAddress"] }`): in a
 * Create or an Update, creates, associates, updates and removes related items as the related operations ask; in a
 * Delete, deletes the items of `deleteWhenUnused` relationships that ModelLoader found nothing else uses. Each step
 * sends a fixed number of statements, whatever the number of items.
 */
@injectable()
export class RelatedItemsProcessor implements SequenceComponent<RelatedItemsConfiguration> {
  static readonly configurationSchema: z.ZodType<RelatedItemsConfiguration> = relatedItemsConfigurationSchema;

  constructor(@inject(ModelsToken) private readonly models: Models) {}

  checkStep(step: StepUnderCheck<RelatedItemsConfiguration>): string[] {
    return checkRelationshipsStep(this.models, step, 'process its related items');
  }

  /** A Query has nothing here: the step then finishes at once, with no promise made (see runSequence). */
  execute(context: OperationContext<CommerceOperation<object>, RelatedItemsConfiguration>): Promise<void> | undefined {
    const kind = context.operation.operation;
    if (kind !== 'CommerceCreate' && kind !== 'CommerceUpdate' && kind !== 'CommerceDelete') return undefined;
    const mapping = this.models.mapping(context.operation.modelName);
    const { relationships } = relationshipsNamed(mapping, context.configuration.relationships);
    return kind === 'CommerceDelete' ? this.deleteUnused(context, relationships) : this.applyChanges(context, mapping, relationships);
  }

  /** In a Create or an Update: what the related operations ask, owner by owner. */
  private async applyChanges(context: OperationContext, mapping: ModelMapping, relationships: readonly RelationshipMapping[]): Promise<void> {
    const changes = new RelatedItemChanges(context, this.models.mapper, mapping, relationships);
    const model = (context.operation as { model?: EntityValues }).model ?? {};
    for (const owner of context.require(ModelSlots.profiles)) await changes.apply(owner, model);
  }

  /**
   * In a Delete: the related items of these relationships that nothing else uses go now — or, when some of them must
   * wait for other items to go first, all of them go later, together, handed over to ModelCommitter.
   */
  private async deleteUnused(context: OperationContext, relationships: readonly RelationshipMapping[]): Promise<void> {
    const unused = context.get(ModelSlots.unusedRelated);
    if (!unused) return;
    const types = new Set(relationships.filter((r) => r.deleteWhenUnused).map((r) => r.model.profileType));
    for (const type of types) {
      const items = unused.profiles.filter((p) => p.profileType === type);
      if (items.some((item) => item.after.length > 0)) context.set(handedOverSlot(type), items);
      else await deleteUnused(context, type, items.map((item) => item.key));
    }
  }
}
