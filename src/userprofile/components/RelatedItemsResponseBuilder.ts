import type { OperationContext } from '../../pipeline/OperationContext.js';
import { relationshipProperty } from '../../models/ModelDefinition.js';
import type { SequenceComponent } from '../../sequences/SequenceComponent.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import type { RelationshipMapping } from '../mapping/ModelMapping.js';
import { UserProfileWork } from '../work/UserProfileWork.js';
import { pageOf } from './pageOf.js';
import { relatedQueriesOf } from './relatedQueriesOf.js';
import { RelationshipLinks } from './RelationshipLinks.js';

/**
 * What the related response builders share: for each related query on one of its relationships (and, in a Create,
 * each relationship the Create wrote through: see relatedQueriesOf), puts the items
 * into each user's entity (`addresses`, `preferredAddress`, …), sorted, paged and with `propertiesToReturn`; with
 * `returnTotalItemCount`, the count before paging goes under `totalItemCounts`.
 */
export abstract class RelatedItemsResponseBuilder implements SequenceComponent {
  protected abstract readonly relationshipNames: readonly string[];

  protected get relationships(): readonly RelationshipMapping[] {
    return this.mapper.mappings.relationshipsNamed(this.relationshipNames);
  }

  constructor(protected readonly mapper: EntityMapper) {}

  async execute(context: OperationContext): Promise<void> {
    const work = UserProfileWork.of(context);
    const links = new RelationshipLinks(this.relationships, this.mapper.mappings.userProfile);
    const queries = relatedQueriesOf(context.operation).filter((query) => links.handles(query.relationshipName));
    if (queries.length === 0) return;
    // Items no processor loaded (say, it was taken out of the sequence).
    await work.loadItems(context.profiles, queries.map((query) => links.get(query.relationshipName)));
    for (const user of work.users) {
      const entity = work.entities.get(user.primaryKey);
      if (!entity) continue;
      for (const query of queries) {
        const relationship = links.get(query.relationshipName);
        const type = relationship.model.profileType;
        const items = links
          .keysOf(user, relationship)
          .map((key) => work.item(type, key))
          .filter((record) => record !== undefined)
          .map((record) => this.mapper.toEntity(relationship.model, record, query.propertiesToReturn));
        const property = relationshipProperty(relationship.name);
        if (!relationship.many) {
          if (items[0]) entity[property] = items[0];
          continue;
        }
        const { items: page, total } = pageOf(items, query.searchCriteria);
        entity[property] = page;
        if (query.searchCriteria.returnTotalItemCount) {
          entity['totalItemCounts'] = { ...(entity['totalItemCounts'] as object | undefined), [property]: total };
        }
      }
    }
  }
}
