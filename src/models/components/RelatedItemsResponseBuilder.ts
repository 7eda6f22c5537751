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
import { appendTo } from '../../util/appendTo.js';

/** Each owner's page of a list and its total, by the owner's primary key. */
type RelatedPages = ReadonlyMap<KeyValue, { profiles: Profile[]; total: number }>;

/** Items by profile type and primary key. */
type RecordsByType = Map<string, Map<KeyValue, ProfileRecord>>;

const noPages: ReadonlyMap<CommerceQueryRelatedItem, RelatedPages> = new Map();

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

  /**
   * Where no related query is for this step's relationships, or where the operation's view and the cache hold every
   * item asked for and no list is sorted or paged by the database, it finishes at once, with no promise made (see
   * runSequence).
   */
  execute(context: OperationContext<CommerceOperation<object>, RelatedItemsConfiguration>): Promise<void> | undefined {
    const mapping = this.models.mapping(context.operation.modelName);
    const links = new RelationshipLinks(mapping, relationshipsNamed(mapping, context.configuration.relationships).relationships);
    const queries = relatedQueriesOf(context.operation).filter((query) => links.handles(query.relationshipName));
    const entities = context.get(ModelSlots.entities);
    if (queries.length === 0 || !entities) return undefined;
    const owners = context.require(ModelSlots.profiles);
    if (queries.some((query) => pagedInStore(context.operation, query, links.get(query.relationshipName).many))) return this.answerPaged(context, mapping, links, queries, entities, owners);
    const { records, missing } = this.knownRecords(context, owners, queries.map((query) => links.get(query.relationshipName)));
    if (missing === undefined) {
      this.answer(owners, entities, links, queries, noPages, records);
      return undefined;
    }
    return this.readMissing(context, records, missing).then(() => this.answer(owners, entities, links, queries, noPages, records));
  }

  /** The same where a list is sorted or paged by the database: its pages first (one statement each), then the rest. */
  private async answerPaged(context: OperationContext, mapping: ModelMapping, links: RelationshipLinks, queries: readonly CommerceQueryRelatedItem[], entities: ReadonlyMap<KeyValue, EntityValues>, owners: readonly Profile[]): Promise<void> {
    const paged = new Map<CommerceQueryRelatedItem, RelatedPages>();
    for (const query of queries) {
      const relationship = links.get(query.relationshipName);
      const pages = pagedInStore(context.operation, query, relationship.many) ? await this.pagesInStore(context, mapping.profileType, owners, relationship, query) : undefined;
      if (pages) paged.set(query, pages);
    }
    const inMemory = queries.filter((query) => !paged.has(query));
    const { records, missing } = this.knownRecords(context, owners, inMemory.map((query) => links.get(query.relationshipName)));
    if (missing) await this.readMissing(context, records, missing);
    this.answer(owners, entities, links, queries, paged, records);
  }

  /** Each owner's items, put into its entity: a page the database made, or the items found, sorted and paged here. */
  private answer(owners: readonly Profile[], entities: ReadonlyMap<KeyValue, EntityValues>, links: RelationshipLinks, queries: readonly CommerceQueryRelatedItem[], paged: ReadonlyMap<CommerceQueryRelatedItem, RelatedPages>, records: RecordsByType): void {
    for (const owner of owners) {
      const entity = entities.get(owner.primaryKey);
      if (!entity) continue;
      for (const query of queries) {
        const relationship = links.get(query.relationshipName);
        const pages = paged.get(query);
        if (pages) {
          const page = pages.get(owner.primaryKey) ?? { profiles: [], total: 0 };
          this.answerList(entity, relationship, query, page.profiles.map((item) => this.models.mapper.toEntity(relationship.model, item.pendingRecord(), query.propertiesToReturn)), page.total);
          continue;
        }
        const byKey = records.get(relationship.model.profileType);
        const items: EntityValues[] = [];
        for (const key of links.keysOf(owner, relationship)) {
          const record = byKey?.get(key);
          if (record !== undefined) items.push(this.models.mapper.toEntity(relationship.model, record, query.propertiesToReturn));
        }
        if (!relationship.many) {
          if (items[0]) entity[relationshipProperty(relationship.name)] = items[0];
          continue;
        }
        const { items: page, total } = pageOf(items, query.searchCriteria);
        this.answerList(entity, relationship, query, page, total);
      }
    }
  }

  /** A list's page under its property, and with returnTotalItemCount its total under `totalItemCounts`. */
  private answerList(entity: EntityValues, relationship: RelationshipMapping, query: CommerceQueryRelatedItem, page: EntityValues[], total: number): void {
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
   * The owners' items of the relationships, by type and key, as far as no SQL is needed: as this operation knows them,
   * or the cache does, and as ModelLoader read them before they were deleted. `missing` lists, by type, the keys
   * neither holds (undefined when there are none).
   */
  private knownRecords(context: OperationContext, owners: readonly Profile[], relationships: readonly RelationshipMapping[]): { records: RecordsByType; missing: Map<string, KeyValue[]> | undefined } {
    const asLoaded = context.get(ModelSlots.relatedAsLoaded);
    const records: RecordsByType = new Map();
    let missing: Map<string, KeyValue[]> | undefined;
    for (const relationship of relationships) {
      const type = relationship.model.profileType;
      const keys = distinct(owners.length === 1 ? referencedKeys((owners[0] as Profile).get(relationship.profileProperty)) : flatMap(owners, (owner) => referencedKeys(owner.get(relationship.profileProperty))));
      let byKey = records.get(type);
      if (!byKey) records.set(type, (byKey = new Map<KeyValue, ProfileRecord>()));
      const unknown = keys.filter((k) => !byKey.has(k));
      if (unknown.length === 0) continue;
      for (const item of context.profiles.peekProfiles(unknown, type)) byKey.set(item.primaryKey, item.pendingRecord());
      const loadedOfType = asLoaded?.get(type);
      for (const key of unknown) {
        if (byKey.has(key)) continue;
        const loaded = loadedOfType?.get(key);
        if (loaded) byKey.set(key, loaded);
        else appendTo((missing ??= new Map<string, KeyValue[]>()), type, key);
      }
    }
    return { records, missing };
  }

  /** The items knownRecords did not find, read in one statement per type (those that no longer exist stay out). */
  private async readMissing(context: OperationContext, records: RecordsByType, missing: ReadonlyMap<string, readonly KeyValue[]>): Promise<void> {
    for (const [type, keys] of missing) {
      const byKey = records.get(type);
      for (const item of await context.profiles.getProfiles(distinct(keys), type)) byKey?.set(item.primaryKey, item.pendingRecord());
    }
  }
}
