import { inject, injectable } from 'inversify';
import { ModelsToken } from '../../container/tokens.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { UnusedProfile } from '../../profiles/runtime/unused/UnusedProfiles.js';
import type { OperationContext } from '../../sequences/OperationContext.js';
import type { SequenceComponent } from '../../sequences/SequenceComponent.js';
import { appendTo } from '../../util/appendTo.js';
import type { Models } from '../Models.js';
import { deleteUnused } from './deleteUnused.js';
import { handedOverSlot, ModelSlots } from './ModelSlots.js';
import { flatMap } from '../../util/flatMap.js';

/**
 * Stores the operation's profiles: inserts them (Create), writes what changed (Update), or deletes them (Delete).
 * A Delete then deletes the related items the processors handed over because some had to wait for others (a
 * billing address for its card): those whose blockers did go.
 */
@injectable()
export class ModelCommitter implements SequenceComponent {
  constructor(@inject(ModelsToken) private readonly models: Models) {}

  async execute(context: OperationContext): Promise<void> {
    const profiles = context.require(ModelSlots.profiles);
    const mapping = this.models.mapping(context.operation.modelName);
    switch (context.operation.operation) {
      case 'CommerceCreate':
      case 'CommerceUpdate': {
        // Queued: a failure fails the operation, in the model's words, whether this or a later statement throws it.
        await context.profiles.saveProfiles(profiles, { queue: { fault: (error) => this.models.mapper.inModelWords(mapping, error, 'model') } });
        return;
      }
      case 'CommerceDelete': {
        const { profileType } = mapping;
        const keys = profiles.map((profile) => profile.primaryKey);
        await context.profiles.deleteProfiles(keys, profileType, { queue: {} });
        const deleted = new Set(context.writtenProfiles.deleted(profileType));
        context.set(ModelSlots.deleted, keys.filter((key) => deleted.has(key)));
        const types = new Set(context.get(ModelSlots.unusedRelated)?.profiles.map((p) => p.profileType));
        await this.deleteHandedOver(context, flatMap(types, (type) => context.get(handedOverSlot(type)) ?? []));
        return;
      }
      case 'CommerceQuery':
        return;
    }
  }

  /**
   * The items processors handed over: each round deletes, one statement per type, those whose every blocker this
   * operation deleted; one whose blocker stays (its processor was taken out of the sequence) stays too.
   */
  private async deleteHandedOver(context: OperationContext, handedOver: readonly UnusedProfile[]): Promise<void> {
    let pending = handedOver;
    for (;;) {
      const gone = (type: string, key: KeyValue) => context.writtenProfiles.deleted(type).includes(key);
      const ready = pending.filter((item) => item.after.every((blocker) => gone(blocker.profileType, blocker.key)));
      if (ready.length === 0) return;
      pending = pending.filter((item) => !ready.includes(item));
      const byType = new Map<string, KeyValue[]>();
      for (const { profileType, key } of ready) appendTo(byType, profileType, key);
      for (const [type, keys] of byType) await deleteUnused(context, type, keys);
    }
  }
}
