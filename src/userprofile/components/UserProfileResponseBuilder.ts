import { inject, injectable } from 'inversify';
import type { OperationContext } from '../../pipeline/OperationContext.js';
import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';
import type { SequenceComponent } from '../../sequences/SequenceComponent.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import { UserProfileWork } from '../work/UserProfileWork.js';
import { pageOf } from './pageOf.js';
import { EntityMapperToken } from './tokens.js';

type Parts = { searchCriteria?: CommerceModelSearch<object>; propertiesToReturn?: string[] };
type Response = { commerceEntities?: unknown[]; commerceEntity?: unknown; totalItemCount?: number; count?: number };

/** Turns the operation's users into UserProfile entities in the response (for a Delete: as they were, with the count). */
@injectable()
export class UserProfileResponseBuilder implements SequenceComponent {
  constructor(@inject(EntityMapperToken) private readonly mapper: EntityMapper) {}

  execute(context: OperationContext): void {
    const work = UserProfileWork.of(context);
    const { searchCriteria, propertiesToReturn } = context.operation as Parts;
    const response = context.response as Response;
    const entities = work.users.map((user) => {
      const entity = this.mapper.toEntity(this.mapper.mappings.userProfile, user.pendingRecord(), propertiesToReturn);
      work.entities.set(user.primaryKey, entity);
      return entity;
    });
    switch (context.operation.operation) {
      case 'CommerceCreate':
        if (entities[0]) response.commerceEntity = entities[0];
        return;
      case 'CommerceDelete':
        response.count = work.deletedUsers;
        response.commerceEntities?.push(...entities);
        return;
      case 'CommerceQuery': {
        const { items, total } = pageOf(entities, searchCriteria);
        response.commerceEntities?.push(...items);
        if (searchCriteria?.returnTotalItemCount) response.totalItemCount = total;
        return;
      }
      case 'CommerceUpdate':
        response.commerceEntities?.push(...entities);
    }
  }
}
