import { inject, injectable } from 'inversify';
import type { OperationContext } from '../../pipeline/OperationContext.js';
import type { SequenceComponent } from '../../sequences/SequenceComponent.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import { EntityMapperToken } from './tokens.js';
import { releaseWaiting } from '../work/releaseWaiting.js';
import { UserProfileWork } from '../work/UserProfileWork.js';

/** Stores the user: inserts it (Create), writes what changed (Update), or deletes it (Delete). */
@injectable()
export class UserProfileCommitter implements SequenceComponent {
  constructor(@inject(EntityMapperToken) private readonly mapper: EntityMapper) {}

  async execute(context: OperationContext): Promise<void> {
    const work = UserProfileWork.of(context);
    switch (context.operation.operation) {
      case 'CommerceCreate':
      case 'CommerceUpdate':
        await context.profiles.saveProfiles(work.users).catch((error: unknown) => {
          throw this.mapper.inModelWords(this.mapper.mappings.userProfile, error, 'model');
        });
        return;
      case 'CommerceDelete': {
        const keys = work.users.map((user) => user.primaryKey);
        work.deletedUsers = await context.profiles.deleteProfiles(keys, this.mapper.mappings.userProfile.profileType);
        if (keys.length) work.markDeleted(this.mapper.mappings.userProfile.profileType, keys);
        await releaseWaiting(context, work, true);
        return;
      }
      case 'CommerceQuery':
        return;
    }
  }
}
