import { referencedKeys, type KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import { relationshipOf, type EntityValues, type ModelMapping, type RelationshipMapping } from '../mapping/ModelMapping.js';
import { flatMap } from '../../util/flatMap.js';

/**
 * Reads and changes which items an owner holds through some of its model's relationships. A single relationship that
 * is `oneOf` a list relationship belongs with it: the preferred address is one of the addresses.
 */
export class RelationshipLinks {
  constructor(
    private readonly owner: ModelMapping,
    private readonly relationships: readonly RelationshipMapping[],
  ) {}

  handles(name: string): boolean {
    return this.relationships.some((r) => r.name === name);
  }

  get(name: string): RelationshipMapping {
    const found = this.relationships.find((r) => r.name === name);
    if (!found) throw new Error(`not a relationship handled here: ${name}`);
    return found;
  }

  keysOf(owner: Profile, relationship: RelationshipMapping): KeyValue[] {
    return referencedKeys(owner.get(relationship.profileProperty));
  }

  refersTo(owner: Profile, relationship: RelationshipMapping, key: KeyValue): boolean {
    return this.keysOf(owner, relationship).includes(key);
  }

  attach(owner: Profile, relationship: RelationshipMapping, key: KeyValue): void {
    if (!relationship.many) {
      owner.set(relationship.profileProperty, key);
      const list = relationship.oneOf === undefined ? undefined : relationshipOf(this.owner, relationship.oneOf);
      if (list) this.attach(owner, list, key);
      return;
    }
    const keys = this.keysOf(owner, relationship);
    if (!keys.includes(key)) owner.set(relationship.profileProperty, [...keys, key]);
  }

  detach(owner: Profile, relationship: RelationshipMapping, key: KeyValue): void {
    if (!relationship.many) {
      if (owner.get(relationship.profileProperty) === key) owner.set(relationship.profileProperty, null);
      return;
    }
    owner.set(relationship.profileProperty, this.keysOf(owner, relationship).filter((k) => k !== key));
    for (const single of Object.values(this.owner.relationships)) if (single.oneOf === relationship.name) this.detach(owner, single, key);
  }

  /**
   * The references the owner's own model gives (`preferredAddressId`) to relationships handled here: a key to
   * attach, or null to let go of the item the relationship holds now.
   */
  modelReferences(model: EntityValues): { property: string; relationship: RelationshipMapping; key: KeyValue | null }[] {
    return flatMap(Object.entries(this.owner.properties), ([property, mapping]) => {
      const key = model[property];
      if (!mapping.relationship || !this.handles(mapping.relationship) || (typeof key !== 'string' && typeof key !== 'number' && key !== null)) return [];
      return [{ property, relationship: this.get(mapping.relationship), key }];
    });
  }
}
