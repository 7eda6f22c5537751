import { randomUUID } from 'node:crypto';
import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { CommerceRelatedOperation } from '../../requests/related/CommerceRelatedOperation.js';
import type { OperationContext } from '../../sequences/OperationContext.js';
import type { EntityMapper } from '../mapping/EntityMapper.js';
import type { EntityValues, ModelMapping, RelationshipMapping } from '../mapping/ModelMapping.js';
import { deleteReleased } from './deleteReleased.js';
import { missing, resolveReferences, type Written } from './resolveReferences.js';
import { RelationshipLinks } from './RelationshipLinks.js';
import { flatMap } from '../../util/flatMap.js';

type ItemParts = { searchCriteria?: { model: EntityValues }; model?: EntityValues };

const idOfSearch = (op: CommerceRelatedOperation<object>) => (op as ItemParts).searchCriteria?.model['id'] as KeyValue;
const onlyId = (model: EntityValues | undefined) => Object.keys(model ?? {}).every((k) => k === 'id' || k === 'modelName');

/**
 * What a Create or an Update asks of an owner's related items, for some of its relationships: new items created,
 * existing ones associated (by id alone), changed or let go of (and deleted when nothing else uses them). Items of
 * one model are read in one statement, written in one more, whatever their number.
 */
export class RelatedItemChanges {
  private readonly groups: { model: ModelMapping; links: RelationshipLinks }[];

  constructor(
    private readonly context: OperationContext,
    private readonly mapper: EntityMapper,
    private readonly owner: ModelMapping,
    relationships: readonly RelationshipMapping[],
  ) {
    const models = [...new Set(relationships.map((r) => r.model))];
    this.groups = models.map((model) => ({ model, links: new RelationshipLinks(owner, relationships.filter((r) => r.model === model)) }));
  }

  async apply(owner: Profile, ownerValues: EntityValues): Promise<void> {
    for (const { model, links } of this.groups) {
      const related = this.context.operation.relatedOperations.filter((op) => links.handles(op.relationshipName));
      await this.applyTo(owner, ownerValues, model, links, related);
    }
  }

  private async applyTo(owner: Profile, ownerValues: EntityValues, model: ModelMapping, links: RelationshipLinks, related: readonly CommerceRelatedOperation<object>[]): Promise<void> {
    const { context } = this;
    const references = links.modelReferences(ownerValues);
    // A reference given as a key attaches its item; one given as null lets go of the item it holds now, as a
    // CommerceDeleteRelatedItem of it would.
    const attached = flatMap(references, ({ property, relationship, key }) => (key === null ? [] : [{ property, relationship, key }]));
    const cleared = flatMap(references, ({ relationship, key }) => (key === null ? links.keysOf(owner, relationship).map((held) => ({ relationship, key: held })) : []));
    const wanted = [
      ...flatMap(related, (op) => {
        if (op.operation === 'CommerceQueryRelatedItem') return [];
        if (op.operation !== 'CommerceCreateRelatedItem') return [idOfSearch(op)];
        const values = (op as ItemParts).model;
        return onlyId(values) ? [values?.['id'] as KeyValue] : [];
      }),
      ...attached.map(({ key }) => key),
      ...cleared.map(({ key }) => key),
    ];
    if (wanted.length === 0 && related.every((op) => op.operation === 'CommerceQueryRelatedItem')) return;
    const lock = context.operation.operation === 'CommerceUpdate' ? 'update' : 'share';
    const existing = new Map((await context.profiles.getProfiles(wanted, model.profileType, { lock })).map((p) => [p.primaryKey, p]));
    const touched = new Map<KeyValue, Written>();
    const existingItem = (id: KeyValue, path: string) => touched.get(id)?.item ?? existing.get(id) ?? missing(model.modelName, path);
    const released: { key: KeyValue; relationship: RelationshipMapping }[] = [];
    const release = (relationship: RelationshipMapping, key: KeyValue) => {
      links.detach(owner, relationship, key);
      released.push({ key, relationship });
    };

    for (const op of related) {
      if (op.operation === 'CommerceQueryRelatedItem') continue;
      const relationship = links.get(op.relationshipName);
      const at = `relatedOperations[${context.operation.relatedOperations.indexOf(op)}]`;
      const path = `${at}.model`;
      const values = (op as ItemParts).model ?? {};
      if (op.operation === 'CommerceCreateRelatedItem') {
        const item = onlyId(values) ? existingItem(values['id'] as KeyValue, `${path}.id`) : this.newItem(model, values, path);
        if (!onlyId(values)) touched.set(item.primaryKey, { item, model: values, path });
        links.attach(owner, relationship, item.primaryKey);
        continue;
      }
      const id = idOfSearch(op);
      const idPath = `${at}.searchCriteria.model.id`;
      if (!links.refersTo(owner, relationship, id)) {
        throw new ItemDoesNotExistFault(`The ${this.owner.modelName}'s ${relationship.name} hold no ${model.modelName} with the id given in ${idPath}`);
      }
      if (op.operation === 'CommerceUpdateRelatedItem') {
        const item = existingItem(id, idPath);
        this.mapper.applyValues(model, item, values, path);
        touched.set(id, { item, model: { ...touched.get(id)?.model, ...values }, path });
      } else {
        release(relationship, id);
      }
    }
    // A related operation of the request may have let go of it already.
    for (const { relationship, key } of cleared) if (links.refersTo(owner, relationship, key)) release(relationship, key);
    for (const { property, relationship, key } of attached) links.attach(owner, relationship, existingItem(key, `model.${property}`).primaryKey);
    await resolveReferences(context, model, [...touched.values()]);
    // Queued: a failure fails the operation, in the model's words, whether this or a later statement throws it.
    const fault = (error: unknown) => this.mapper.inModelWords(model, error, model.modelName);
    await context.profiles.saveProfiles([...touched.values()].map(({ item }) => item), { queue: { fault } });
    const going = released.filter(({ relationship }) => relationship.deleteWhenUnused).map(({ key }) => key);
    if (going.length) await deleteReleased(context, owner, model.profileType, going, existing);
  }

  private newItem(model: ModelMapping, values: EntityValues, path: string): Profile {
    const item = this.context.profiles.newProfile(this.mapper.idOf(values) ?? randomUUID(), model.profileType);
    this.mapper.applyValues(model, item, values, path, true);
    return item;
  }
}
