import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import { referencesOf } from '../../profiles/runtime/unused/referencesOf.js';
import type { OperationContext } from '../../sequences/OperationContext.js';
import { deleteUnused } from './deleteUnused.js';
import { flatMap } from '../../util/flatMap.js';

/**
 * In an Update: the items of `profileType` an owner let go of are deleted when nothing else uses them; then what
 * those held (a card's billing address) goes too, when nothing else uses it any more. `known` holds the items as read.
 */
export async function deleteReleased(context: OperationContext, owner: Profile, profileType: string, released: readonly KeyValue[], known: ReadonlyMap<KeyValue, Profile>): Promise<void> {
  const unused = await context.profiles.unusedAfterReleasing(owner, released.map((key) => ({ profileType, key })));
  const going = unused.free(profileType);
  await deleteUnused(context, profileType, going);
  const held = flatMap(going, (key) => {
    const item = known.get(key);
    if (!item) return [];
    return flatMap(referencesOf(item.definition, item.storedRecord()), ([type, keys]) => [...keys].map((k) => ({ profileType: type, key: k })));
  });
  if (held.length === 0) return;
  const freed = await context.profiles.unusedAfterReleasing(owner, held);
  for (const type of new Set(held.map((h) => h.profileType))) await deleteUnused(context, type, freed.free(type));
}
