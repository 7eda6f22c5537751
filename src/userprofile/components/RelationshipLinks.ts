import { referencedKeys, type KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { EntityValues, ModelMapping, RelationshipMapping } from '../mapping/ModelMapping.js';

/**
 * Reads and changes which items a user holds through a processor's relationships. A list relationship and a
 * single one of the same model belong together: the preferred address is one of the addresses.
 */
export class RelationshipLinks {
  constructor(
    private readonly relationships: readonly RelationshipMapping[],
    private readonly owner: ModelMapping,
  ) {}

  handles(name: string): boolean {
    return this.relationships.some((r) => r.name === name);
  }

  get(name: string): RelationshipMapping {
    const found = this.relationships.find((r) => r.name === name);
    if (!found) throw new Error(`not a relationship of this processor: ${name}`);
    return found;
  }

  keysOf(user: Profile, relationship: RelationshipMapping): KeyValue[] {
    return referencedKeys(user.get(relationship.profileProperty));
  }

  refersTo(user: Profile, relationship: RelationshipMapping, key: KeyValue): boolean {
    return this.keysOf(user, relationship).includes(key);
  }

  attach(user: Profile, relationship: RelationshipMapping, key: KeyValue): void {
    if (!relationship.many) {
      user.set(relationship.profileProperty, key);
      const list = this.companion(relationship, true);
      if (list) this.attach(user, list, key);
      return;
    }
    const keys = this.keysOf(user, relationship);
    if (!keys.includes(key)) user.set(relationship.profileProperty, [...keys, key]);
  }

  detach(user: Profile, relationship: RelationshipMapping, key: KeyValue): void {
    if (!relationship.many) {
      if (user.get(relationship.profileProperty) === key) user.set(relationship.profileProperty, null);
      return;
    }
    user.set(relationship.profileProperty, this.keysOf(user, relationship).filter((k) => k !== key));
    const single = this.companion(relationship, false);
    if (single) this.detach(user, single, key);
  }

  /** References the user's own model gives (`preferredAddressId`): the entity property, its relationship and the key. */
  modelReferences(model: EntityValues): { property: string; relationship: string; key: KeyValue }[] {
    return Object.entries(this.owner.properties).flatMap(([property, mapping]) => {
      const key = model[property];
      if (!mapping.reference || !this.handles(mapping.reference) || (typeof key !== 'string' && typeof key !== 'number')) return [];
      return [{ property, relationship: mapping.reference, key }];
    });
  }

  private companion(relationship: RelationshipMapping, many: boolean): RelationshipMapping | undefined {
    return this.relationships.find((r) => r.many === many && r.model === relationship.model);
  }
}
