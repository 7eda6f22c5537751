import { randomUUID } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { ModelsToken } from '../../container/tokens.js';
import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import { referencedKeys, type KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { ProfileRecord } from '../../profiles/store/ProfileRecord.js';
import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';
import type { CommerceQueryRelatedItem } from '../../requests/related/CommerceQueryRelatedItem.js';
import type { OperationContext } from '../../sequences/OperationContext.js';
import type { SequenceComponent } from '../../sequences/SequenceComponent.js';
import { relationshipOf, type EntityValues, type ModelMapping } from '../mapping/ModelMapping.js';
import type { Models } from '../Models.js';
import { givenProperties, isKeyLookup, profileSearchOf } from '../mapping/profileSearchOf.js';
import { ModelSlots } from './ModelSlots.js';
import { pagedInStore } from './relatedQueriesOf.js';
import { resolveReferences } from './resolveReferences.js';
import { flatMap } from '../../util/flatMap.js';

type Parts = { searchCriteria: CommerceModelSearch<EntityValues>; model: EntityValues };

/**
 * Loads the profiles an operation is about and leaves them in `ModelSlots.profiles`: found by the key the search
 * gives (locked, for an Update or a Delete), or made new from the model, for a Create. The related items that related
 * queries ask for are read with them, in the same statement. In a Delete it also decides, once and with locks, which
 * related items of `deleteWhenUnused` relationships nothing else uses (`ModelSlots.unusedRelated`).
 */
@injectable()
export class ModelLoader implements SequenceComponent {
  constructor(@inject(ModelsToken) private readonly models: Models) {}

  /** A Query whose key lookup the operation's view and the cache answer, with the items it includes, finishes at once: no promise is made. */
  execute(context: OperationContext): Promise<void> | undefined {
    const mapping = this.models.mapping(context.operation.modelName);
    if (context.operation.operation !== 'CommerceQuery') return this.change(context, mapping);
    const { searchCriteria } = context.operation as unknown as Parts;
    const include = this.queried(context, mapping);
    const byKey = isKeyLookup(mapping, searchCriteria) ? this.byKey(context, mapping, searchCriteria, false, include) : undefined;
    if (byKey === undefined) {
      return this.find(context, mapping, searchCriteria, false, include).then((found) => {
        context.set(ModelSlots.profiles, found);
      });
    }
    if (byKey instanceof Promise) {
      return byKey.then((one) => {
        context.set(ModelSlots.profiles, this.pageOfOne(context, searchCriteria, one));
      });
    }
    context.set(ModelSlots.profiles, this.pageOfOne(context, searchCriteria, byKey));
    return undefined;
  }

  private async change(context: OperationContext, mapping: ModelMapping): Promise<void> {
    const { searchCriteria, model } = context.operation as unknown as Parts;
    switch (context.operation.operation) {
      case 'CommerceCreate': {
        const created = this.newProfile(context, mapping, model);
        await resolveReferences(context, mapping, [{ item: created, model, path: 'model' }]);
        context.set(ModelSlots.profiles, [created]);
        return;
      }
      case 'CommerceDelete':
        await this.loadForDeletion(context, mapping, searchCriteria);
        return;
      case 'CommerceUpdate': {
        const found = await this.find(context, mapping, searchCriteria, true, []);
        if (found.length === 0 && isKeyLookup(mapping, searchCriteria)) throw new ItemDoesNotExistFault(`No ${mapping.modelName} has the ${givenProperties(searchCriteria.model).join(' and ')} given`);
        for (const profile of found) this.models.mapper.applyValues(mapping, profile, model, 'model');
        await resolveReferences(context, mapping, found.map((item) => ({ item, model, path: 'model' })));
        context.set(ModelSlots.profiles, found);
      }
    }
  }

  /**
   * The profiles a search names: by one key through the cache (seed 002's lookups), or else by a search the
   * database runs. A Query's search is one page, and its total (when asked) goes to `ModelSlots.totalItemCount` (a
   * Query's key lookup never comes here: see execute); an Update or a Delete takes every profile found.
   */
  private async find(context: OperationContext, mapping: ModelMapping, search: CommerceModelSearch<EntityValues>, lock: boolean, include: readonly string[]): Promise<Profile[]> {
    const paged = context.operation.operation === 'CommerceQuery';
    if (isKeyLookup(mapping, search)) {
      // An Update's or a Delete's: a Query's key lookup is answered by execute, and paged there (pageOfOne).
      const one = await this.byKey(context, mapping, search, lock, include);
      return one ? [one] : [];
    }
    const read = lock ? { lock: 'update' as const, include } : { include };
    const options = profileSearchOf(mapping, search);
    const { profiles, totalCount } = await context.profiles.searchProfiles(mapping.profileType, paged ? options : { filter: options.filter }, read);
    if (totalCount !== undefined) context.set(ModelSlots.totalItemCount, totalCount);
    return profiles;
  }

  /** A Query's page of what its key lookup found (one profile or none), and with returnTotalItemCount its total. */
  private pageOfOne(context: OperationContext, search: CommerceModelSearch<EntityValues>, one: Profile | null): Profile[] {
    const found = one ? [one] : [];
    if (search.returnTotalItemCount) context.set(ModelSlots.totalItemCount, found.length);
    const start = search.firstItemIndex ?? 0;
    return start === 0 && search.numberOfItemsToReturn === undefined ? found : found.slice(start, search.numberOfItemsToReturn === undefined ? undefined : start + search.numberOfItemsToReturn);
  }

  /**
   * The one profile a key lookup names (see isKeyLookup), with the items it includes, or null: in this turn where the
   * operation's view and the cache know it or the store answers at once (see getProfileNow), else a promise of it.
   */
  private byKey(context: OperationContext, mapping: ModelMapping, search: CommerceModelSearch<EntityValues>, lock: boolean, include: readonly string[]): Profile | null | Promise<Profile | null> {
    const [property] = givenProperties(search.model);
    const keyName = property && this.models.mapper.profileProperty(mapping, property);
    if (!property || !keyName) return null;
    const options = lock ? { lock: 'update' as const, include } : { include };
    return context.profiles.getProfileNow(keyName, search.model[property] as KeyValue, mapping.profileType, options);
  }

  /**
   * The profiles, locked, with the related items asked for as they are before anything goes; then which related items
   * go with them. The related items come with the profile in one statement for every type.
   */
  private async loadForDeletion(context: OperationContext, mapping: ModelMapping, search: CommerceModelSearch<EntityValues>): Promise<void> {
    const queried = this.queried(context, mapping);
    const found = await this.find(context, mapping, search, true, queried);
    context.set(ModelSlots.profiles, found);
    context.set(ModelSlots.relatedAsLoaded, this.snapshot(context, mapping, found, queried));
    const through = Object.values(mapping.relationships).filter((r) => r.deleteWhenUnused).map((r) => r.profileProperty);
    if (found.length && through.length) context.set(ModelSlots.unusedRelated, await context.profiles.unusedAfterDeleting(found, through));
  }

  /** The related items of `properties` as read now (no SQL: the load brought them into this transaction's view). */
  private snapshot(context: OperationContext, mapping: ModelMapping, owners: readonly Profile[], properties: readonly string[]) {
    const byType = new Map<string, Map<KeyValue, ProfileRecord>>();
    for (const relationship of Object.values(mapping.relationships)) {
      if (!properties.includes(relationship.profileProperty)) continue;
      const type = relationship.model.profileType;
      const keys = flatMap(owners, (owner) => referencedKeys(owner.get(relationship.profileProperty)));
      const records = byType.get(type) ?? new Map<KeyValue, ProfileRecord>();
      for (const item of context.profiles.peekProfiles(keys, type)) records.set(item.primaryKey, item.storedRecord());
      byType.set(type, records);
    }
    return byType;
  }

  /**
   * The reference properties of the relationships related queries ask for: read with the profile, in one statement —
   * but for the lists the database will sort and page (pagedInStore), which need not be read whole.
   */
  private queried(context: OperationContext, mapping: ModelMapping): string[] {
    const properties = context.operation.relatedOperations
      .filter((related): related is CommerceQueryRelatedItem<object> => related.operation === 'CommerceQueryRelatedItem')
      .map((related) => ({ query: related, relationship: relationshipOf(mapping, related.relationshipName) }))
      .filter(({ query, relationship }) => relationship && !pagedInStore(context.operation, query, relationship.many))
      .map(({ relationship }) => relationship?.profileProperty)
      .filter((property): property is string => property !== undefined);
    return [...new Set(properties)];
  }

  private newProfile(context: OperationContext, mapping: ModelMapping, model: EntityValues): Profile {
    const profile = context.profiles.newProfile(this.models.mapper.idOf(model) ?? randomUUID(), mapping.profileType);
    this.models.mapper.applyValues(mapping, profile, model, 'model', true);
    return profile;
  }
}
