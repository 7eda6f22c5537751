import { inject, injectable } from 'inversify';
import type { z } from 'zod';
import { ModelsToken } from '../../container/tokens.js';
import { referencedKeys, type KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import { distinct } from '../../util/distinct.js';
import type { ProfileRecord } from '../../profiles/store/ProfileRecord.js';
import type { CommerceOperation } from '../../requests/CommerceOperation.js';
import type { CommerceQueryRelatedItem } from '../../requests/related/CommerceQueryRelatedItem.js';
import type { OperationContext } from '../../sequences/OperationContext.js';
import type { SequenceComponent, StepUnderCheck } from '../../sequences/SequenceComponent.js';
import { relationshipProperty } from '../ModelDefinition.js';
import { mappedProperty, type EntityValues, type ModelMapping, type RelationshipMapping } from '../mapping/ModelMapping.js';
import type { Models } from '../Models.js';
import { ModelSlots } from './ModelSlots.js';
import { pageOf } from './pageOf.js';
import { checkRelationshipsStep, relatedItemsConfigurationSchema, relationshipsNamed, type RelatedItemsConfiguration } from './relatedItemsConfiguration.js';
import { pagedInStore, relatedQueriesOf } from './relatedQueriesOf.js';
import { RelationshipLinks } from './RelationshipLinks.js';
import { flatMap } from '../../util/flatMap.js';

/** Each owner's page of a list and its total, by the owner's primary key. */
type RelatedPages = ReadonlyMap<KeyValue, { profiles: Profile[]; total: number }>;

/**
 * For each related query on one of the relationships its configuration names (and, in a Create, each relationship the
 * Create wrote through: see relatedQueriesOf), puts the items into each entity ModelResponseBuilder made
 * (`addresses`, `preferredAddress`, …), sorted, paged and with `propertiesToReturn`; with `returnTotalItemCount`, the
 * count before paging goes under `totalItemCounts`. Items are read as the operation left them, or, when it deleted
 * them, as ModelLoader read them.
 */
@injectable()
export class RelatedItemsResponseBuilder implements SequenceComponent<RelatedItemsConfiguration> {
  static readonly configurationSchema: z.ZodType<RelatedItemsConfiguration> = relatedItemsConfigurationSchema;

  constructor(@inject(ModelsToken) private readonly models: Models) {}

  checkStep(step: StepUnderCheck<RelatedItemsConfiguration>): string[] {
    return checkRelationshipsStep(this.models, step, 'answer its related items');
  }

  /** Where no related query is for this step's relationships, it finishes at once, with no promise made (see runSequence). */
  execute(context: OperationContext<CommerceOperation<object>, RelatedItemsConfiguration>): Promise<void> | undefined {
    const mapping = this.models.mapping(context.operation.modelName);
    const links = new RelationshipLinks(mapping, relationshipsNamed(mapping, context.configuration.relationships).relationships);
    const queries = relatedQueriesOf(context.operation).filter((query) => links.handles(query.relationshipName));
    const entities = context.get(ModelSlots.entities);
    if (queries.length === 0 || !entities) return undefined;
    return this.answerQueries(context, mapping, links, queries, entities);
  }

  private async answerQueries(context: OperationContext, mapping: ModelMapping, links: RelationshipLinks, queries: readonly CommerceQueryRelatedItem[], entities: ReadonlyMap<KeyValue, EntityValues>): Promise<void> {
    const owners = context.require(ModelSlots.profiles);
    const paged = new Map<CommerceQueryRelatedItem, RelatedPages>();
    for (const query of queries) {
      const relationship = links.get(query.relationshipName);
      const pages = pagedInStore(context.operation, query, relationship.many) ? await this.pagesInStore(context, mapping.profileType, owners, relationship, query) : undefined;
      if (pages) paged.set(query, pages);
    }
    const inMemory = queries.filter((query) => !paged.has(query));
    const records = await this.recordsOf(context, owners, inMemory.map((query) => links.get(query.relationshipName)));
    for (const owner of owners) {
      const entity = entities.get(owner.primaryKey);
      if (!entity) continue;
      for (const query of queries) {
        const relationship = links.get(query.relationshipName);
        const pages = paged.get(query);
        if (pages) {
          const page = pages.get(owner.primaryKey) ?? { profiles: [], total: 0 };
          this.answer(entity, relationship, query, page.profiles.map((item) => this.models.mapper.toEntity(relationship.model, item.pendingRecord(), query.propertiesToReturn)), page.total);
          continue;
        }
        const byKey = records.get(relationship.model.profileType);
        const items: EntityValues[] = [];
        for (const key of links.keysOf(owner, relationship)) {
          const record = byKey?.get(key);
          if (record !== undefined) items.push(this.models.mapper.toEntity(relationship.model, record, query.propertiesToReturn));
        }
        const property = relationshipProperty(relationship.name);
        if (!relationship.many) {
          if (items[0]) entity[property] = items[0];
          continue;
        }
        const { items: page, total } = pageOf(items, query.searchCriteria);
        this.answer(entity, relationship, query, page, total);
      }
    }
  }

  /** A list's page under its property, and with returnTotalItemCount its total under `totalItemCounts`. */
  private answer(entity: EntityValues, relationship: RelationshipMapping, query: CommerceQueryRelatedItem, page: EntityValues[], total: number): void {
    const property = relationshipProperty(relationship.name);
    entity[property] = page;
    if (query.searchCriteria.returnTotalItemCount) {
      entity['totalItemCounts'] = { ...(entity['totalItemCounts'] as object | undefined), [property]: total };
    }
  }

  /**
   * A list query that sorts or pages (see pagedInStore), sorted and paged by the database for every owner in one
   * statement; undefined where the store cannot join them. Other lists are better read as they are: a Delete's items
   * are gone from the store, and a list without sorting or paging comes through the cache.
   */
  private pagesInStore(context: OperationContext, ownerType: string, owners: readonly Profile[], relationship: RelationshipMapping, query: CommerceQueryRelatedItem): Promise<RelatedPages | undefined> {
    const search = query.searchCriteria;
    const item = relationship.model;
    const sort = search.sortProperties.map((s) => ({ property: mappedProperty(item, s.property)?.profile ?? s.property, sortDirection: s.sortDirection }));
    const keys = owners.map((owner) => owner.primaryKey);
    return context.profiles.relatedPages(ownerType, relationship.profileProperty, keys, { sort, offset: search.firstItemIndex, limit: search.numberOfItemsToReturn });
  }

  /**
   * The owners' items of the relationships, by type and key: as this operation knows them (no SQL), as ModelLoader
   * read them before they were deleted, and whatever neither holds in one read per type (cache first).
   */
  private async recordsOf(context: OperationContext, owners: readonly Profile[], relationships: readonly RelationshipMapping[]) {
    const asLoaded = context.get(ModelSlots.relatedAsLoaded);
    const records = new Map<string, Map<KeyValue, ProfileRecord>>();
    for (const relationship of relationships) {
      const type = relationship.model.profileType;
      const keys = distinct(owners.length === 1 ? referencedKeys((owners[0] as Profile).get(relationship.profileProperty)) : flatMap(owners, (owner) => referencedKeys(owner.get(relationship.profileProperty))));
      const byKey = records.get(type) ?? new Map<KeyValue, ProfileRecord>();
      records.set(type, byKey);
      const unknown = keys.filter((k) => !byKey.has(k));
      if (unknown.length === 0) continue;
      for (const item of await context.profiles.peekProfiles(unknown, type)) byKey.set(item.primaryKey, item.pendingRecord());
      const loadedOfType = asLoaded?.get(type);
      if (loadedOfType) {
        for (const key of keys) {
          const loaded = loadedOfType.get(key);
          if (!byKey.has(key) && loaded) byKey.set(key, loaded);
        }
      }
      const missing = keys.filter((k) => !byKey.has(k));
      // Most often the operation or the cache knew every item: no read to run.
      if (missing.length) for (const item of await context.profiles.getProfiles(missing, type)) byKey.set(item.primaryKey, item.pendingRecord());
    }
    return records;
  }
}
