import { inject, injectable } from 'inversify';
import { ModelsToken } from '../../container/tokens.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';
import type { OperationContext } from '../../sequences/OperationContext.js';
import type { SequenceComponent } from '../../sequences/SequenceComponent.js';
import type { EntityValues } from '../mapping/ModelMapping.js';
import type { Models } from '../Models.js';
import { ModelSlots } from './ModelSlots.js';

type Parts = { searchCriteria?: CommerceModelSearch<object>; propertiesToReturn?: string[] };
type Response = { commerceEntities?: unknown[]; commerceEntity?: unknown; totalItemCount?: number; count?: number };

/**
 * Turns the operation's profiles into entities in the response (for a Delete: as they were, with the count of those
 * deleted), and leaves them in `ModelSlots.entities` for the related response builders.
 */
@injectable()
export class ModelResponseBuilder implements SequenceComponent {
  constructor(@inject(ModelsToken) private readonly models: Models) {}

  execute(context: OperationContext): void {
    const mapping = this.models.mapping(context.operation.modelName);
    const { searchCriteria, propertiesToReturn } = context.operation as Parts;
    const response = context.response as Response;
    const byKey = new Map<KeyValue, EntityValues>();
    const entities = context.require(ModelSlots.profiles).map((profile) => {
      const entity = this.models.mapper.toEntity(mapping, profile.pendingRecord(), propertiesToReturn);
      byKey.set(profile.primaryKey, entity);
      return entity;
    });
    context.set(ModelSlots.entities, byKey);
    switch (context.operation.operation) {
      case 'CommerceCreate':
        if (entities[0]) response.commerceEntity = entities[0];
        return;
      case 'CommerceDelete':
        response.count = context.get(ModelSlots.deleted)?.length ?? 0;
        response.commerceEntities?.push(...entities);
        return;
      case 'CommerceQuery': {
        // ModelLoader found the page, and counted the total (in SQL, for a search).
        response.commerceEntities?.push(...entities);
        const total = context.get(ModelSlots.totalItemCount);
        if (searchCriteria?.returnTotalItemCount && total !== undefined) response.totalItemCount = total;
        return;
      }
      case 'CommerceUpdate':
        response.commerceEntities?.push(...entities);
    }
  }
}
