import { ItemDoesNotExistFault } from '../../faults/ItemDoesNotExistFault.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { OperationContext } from '../../sequences/OperationContext.js';
import type { EntityValues, ModelMapping } from '../mapping/ModelMapping.js';

/** A profile being written, with the values the request gave it and where it gave them. */
export interface Written {
  readonly item: Profile;
  readonly model: EntityValues;
  /** Where the request gave the values, for faults. */
  readonly path: string;
}

// Faults name where the request gave the id, never the id itself.
export function missing(modelName: string, path: string): never {
  throw new ItemDoesNotExistFault(`No ${modelName} has the id given in ${path}`);
}

/**
 * Sets the references behind no relationship that the values give (a card's billingAddressId, a user's
 * organizationId), each checked to exist and share-locked, so that it cannot go before this transaction ends:
 * one read per referenced type, whatever the number of profiles.
 */
export async function resolveReferences(context: OperationContext, mapping: ModelMapping, written: readonly Written[]): Promise<void> {
  for (const [property, target] of Object.entries(mapping.properties)) {
    if (!target.references) continue;
    const given = written.filter(({ model }) => model[property] !== undefined);
    if (given.length === 0) continue;
    const ids = given.map(({ model }) => model[property]).filter((id): id is KeyValue => id !== null);
    const found = new Set((await context.profiles.getProfiles(ids, target.references, { lock: 'share' })).map((p) => p.primaryKey));
    for (const { item, model, path } of given) {
      const id = model[property] as KeyValue | null;
      if (id !== null && !found.has(id)) missing(target.referencedModel ?? target.references, `${path}.${property}`);
      item.set(target.profile, id);
    }
  }
}
