import { randomUUID } from 'node:crypto';
import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import type { OperationContext } from '../../pipeline/OperationContext.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../../profiles/definitions/DefinitionSet.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { CommerceRelatedOperation } from '../../requests/related/CommerceRelatedOperation.js';
import type { SequenceComponent } from '../../sequences/SequenceComponent.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import type { EntityValues, ModelMapping, RelationshipMapping } from '../mapping/ModelMapping.js';
import { ItemFates, referencesOf } from '../work/ItemFates.js';
import { UserProfileWork } from '../work/UserProfileWork.js';
import { deleteItems } from '../work/deleteItems.js';
import { releaseWaiting } from '../work/releaseWaiting.js';
import { RelationshipLinks } from './RelationshipLinks.js';

type ItemParts = { searchCriteria?: { model: EntityValues }; model?: EntityValues };
/** An item this operation creates or changes, with the values the request gave and where it gave them. */
type Touched = { item: Profile; model: EntityValues; path: string };

const idOfSearch = (op: CommerceRelatedOperation) => (op as ItemParts).searchCriteria?.model['id'] as KeyValue;
const onlyId = (model: EntityValues | undefined) => Object.keys(model ?? {}).every((k) => k === 'id' || k === 'modelName');

/**
 * What the three relationship processors share. For its relationships (Addresses and PreferredAddress, …) a
 * processor creates, associates, updates and removes related items in a Create or an Update; loads the items
 * related queries ask for; and in a Delete deletes the user's items that nothing else uses. Each step sends a
 * fixed number of statements, whatever the number of items.
 */
export abstract class RelatedItemsProcessor implements SequenceComponent {
  protected abstract readonly relationshipNames: readonly string[];

  private resolved: { relationships: readonly RelationshipMapping[]; links: RelationshipLinks } | undefined;

  /** The processor's relationships and links, resolved once (the mappings are fixed at start-up). */
  private get own() {
    this.resolved ??= (() => {
      const relationships = this.mapper.mappings.relationshipsNamed(this.relationshipNames);
      return { relationships, links: new RelationshipLinks(relationships, this.mapper.mappings.userProfile) };
    })();
    return this.resolved;
  }
  /** Whether a Delete deletes the user's items nobody else uses (addresses, cards), or leaves them (shipping methods). */
  protected abstract readonly deletesUnusedItems: boolean;

  constructor(
    protected readonly mapper: EntityMapper,
    protected readonly definitions: DefinitionSet,
  ) {}

  private get model(): ModelMapping {
    const first = this.own.relationships[0];
    if (!first) throw new Error('a processor handles at least one relationship');
    return first.model;
  }

  private links(): RelationshipLinks {
    return this.own.links;
  }

  async execute(context: OperationContext): Promise<void> {
    const work = UserProfileWork.of(context);
    const mine = context.operation.relatedOperations.filter((r) => this.links().handles(r.relationshipName));
    const kind = context.operation.operation;
    if (kind === 'CommerceCreate' || kind === 'CommerceUpdate') {
      for (const user of work.users) await this.applyChanges(context, work, user, mine, (context.operation as ItemParts).model ?? {});
    }
    // What related queries ask for, loaded now: in a Delete the items may be gone by the time the response is built.
    const queried = mine.filter((op) => op.operation === 'CommerceQueryRelatedItem').map((op) => this.links().get(op.relationshipName));
    await work.loadItems(context.profiles, queried);
    if (kind === 'CommerceDelete' && this.deletesUnusedItems) await this.deleteUnused(context, work);
  }

  private async applyChanges(context: OperationContext, work: UserProfileWork, user: Profile, related: readonly CommerceRelatedOperation[], userModel: EntityValues): Promise<void> {
    const { profileType } = this.model;
    const links = this.links();
    const references = links.modelReferences(userModel);
    const wanted = [
      ...related.flatMap((op) => {
        if (op.operation === 'CommerceQueryRelatedItem') return [];
        if (op.operation !== 'CommerceCreateRelatedItem') return [idOfSearch(op)];
        const { model } = op as ItemParts;
        return onlyId(model) ? [model?.['id'] as KeyValue] : [];
      }),
      ...references.map(({ key }) => key),
    ];
    const lock = context.operation.operation === 'CommerceUpdate' ? 'update' : 'share';
    const existing = new Map((await context.profiles.getProfiles(wanted, profileType, { lock })).map((p) => [p.primaryKey, p]));
    const touched = new Map<KeyValue, Touched>();
    const must = (id: KeyValue, path: string) => touched.get(id)?.item ?? existing.get(id) ?? missing(this.model.modelName, path);
    const released: KeyValue[] = [];

    for (const op of related) {
      if (op.operation === 'CommerceQueryRelatedItem') continue;
      const relationship = links.get(op.relationshipName);
      const at = `relatedOperations[${context.operation.relatedOperations.indexOf(op)}]`;
      const path = `${at}.model`;
      const model = (op as ItemParts).model ?? {};
      if (op.operation === 'CommerceCreateRelatedItem') {
        const item = onlyId(model) ? must(model['id'] as KeyValue, `${path}.id`) : this.newItem(context, model, path);
        if (!onlyId(model)) touched.set(item.primaryKey, { item, model, path });
        links.attach(user, relationship, item.primaryKey);
        continue;
      }
      const id = idOfSearch(op);
      const idPath = `${at}.searchCriteria.model.id`;
      if (!links.refersTo(user, relationship, id)) notTheUsers(this.model, relationship, idPath);
      if (op.operation === 'CommerceUpdateRelatedItem') {
        const item = must(id, idPath);
        this.mapper.applyValues(this.model, item, model, path);
        touched.set(id, { item, model: { ...touched.get(id)?.model, ...model }, path });
      } else if (op.operation === 'CommerceDeleteRelatedItem') {
        links.detach(user, relationship, id);
        released.push(id);
      }
    }
    for (const { property, relationship, key } of references) links.attach(user, links.get(relationship), must(key, `model.${property}`).primaryKey);
    await this.resolveItemReferences(context, [...touched.values()]);
    await context.profiles.saveProfiles([...touched.values()].map(({ item }) => item)).catch((error: unknown) => {
      throw this.mapper.inModelWords(this.model, error, this.model.modelName);
    });
    work.remember(profileType, [...existing.values(), ...[...touched.values()].map(({ item }) => item)]);
    if (released.length && this.deletesUnusedItems) await this.deleteReleased(context, work, user, released);
  }

  /** Sets the references an item's model gives (a card's billingAddressId), each checked to exist: one read per target type. */
  private async resolveItemReferences(context: OperationContext, touched: readonly Touched[]): Promise<void> {
    for (const [property, mapping] of Object.entries(this.model.properties)) {
      if (!mapping.reference) continue;
      const target = this.definitions.get(mapping.reference);
      const given = touched.filter(({ model }) => model[property] !== undefined);
      const ids = given.map(({ model }) => model[property] as KeyValue);
      if (ids.length === 0) continue;
      const found = new Set((await context.profiles.getProfiles(ids, target.name, { lock: 'share' })).map((p) => p.primaryKey));
      for (const { item, model, path } of given) {
        const id = model[property] as KeyValue;
        if (!found.has(id)) missing(target.name, `${path}.${property}`);
        item.set(mapping.profile, id);
      }
    }
  }

  private newItem(context: OperationContext, model: EntityValues, path: string): Profile {
    const item = context.profiles.newProfile(this.mapper.idOf(model) ?? randomUUID(), this.model.profileType);
    this.mapper.applyValues(this.model, item, model, path);
    return item;
  }

  /** In a Delete: the user's items of this processor's relationships that nothing else uses go now, or once what they wait for has gone. */
  private async deleteUnused(context: OperationContext, work: UserProfileWork): Promise<void> {
    const owner = this.definitions.get(this.mapper.mappings.userProfile.profileType);
    for (const user of work.users) {
      work.fates ??= new ItemFates(context.profiles, this.definitions, { definition: owner, key: user.primaryKey, record: user.storedRecord() }, (type, key) => work.isDeleted(type, key), undefined);
      const candidates = await work.fates.candidatesOf(this.model.profileType);
      const fate = await work.fates.decide(this.model.profileType, candidates);
      if (fate.waiting.length) work.deferTogether(this.model.profileType, fate);
      else await deleteItems(context, work, this.model.profileType, fate.going);
    }
    await releaseWaiting(context, work);
  }

  /** In an Update: items the user let go of are deleted when nothing else uses them. */
  private async deleteReleased(context: OperationContext, work: UserProfileWork, user: Profile, released: readonly KeyValue[]): Promise<void> {
    const owner = this.definitions.get(this.mapper.mappings.userProfile.profileType);
    const stillReferences = referencesOf(owner, user.pendingRecord());
    const fates = new ItemFates(context.profiles, this.definitions, { definition: owner, key: user.primaryKey, record: user.storedRecord() }, (type, key) => work.isDeleted(type, key), { stillReferences });
    const fate = await fates.decide(this.model.profileType, released);
    await deleteItems(context, work, this.model.profileType, fate.going);
    await this.freeWhatTheyHeld(context, work, fates, fate.going);
  }

  /** What deleted items pointed at (a card's billing address) goes too, when nothing else uses it any more. */
  private async freeWhatTheyHeld(context: OperationContext, work: UserProfileWork, fates: ItemFates, deleted: readonly KeyValue[]): Promise<void> {
    const definition = this.definitions.get(this.model.profileType);
    const held = new Map<string, Set<KeyValue>>();
    for (const key of deleted) {
      const record = work.item(definition.name, key);
      if (!record) continue;
      for (const [type, keys] of referencesOf(definition, record)) held.set(type, new Set([...(held.get(type) ?? []), ...keys]));
    }
    for (const [type, keys] of held) await deleteItems(context, work, type, (await fates.decide(type, [...keys])).going);
  }
}

// Faults name where the request gave the id, never the id itself.
function missing(modelName: string, path: string): never {
  throw new ItemDoesNotExistFault(`No ${modelName} has the id given in ${path}`);
}

function notTheUsers(model: ModelMapping, relationship: RelationshipMapping, path: string): never {
  throw new ItemDoesNotExistFault(`The UserProfile's ${relationship.name} hold no ${model.modelName} with the id given in ${path}`);
}
