import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { UnusedProfile, UnusedProfiles } from '../../profiles/runtime/unused/UnusedProfiles.js';
import type { ProfileRecord } from '../../profiles/store/ProfileRecord.js';
import { defineSlot, type OperationSlot } from '../../sequences/OperationSlot.js';
import type { EntityValues } from '../mapping/ModelMapping.js';

/** A processor's unused related items of one profile type that wait for others and so go after the owner, together. */
const handedOver = new Map<string, OperationSlot<readonly UnusedProfile[]>>();

/**
 * The slot where the processor of `profileType`'s items leaves them to ModelCommitter: when some of them must wait for
 * other items to go first (a billing address for its card), all of them go together, after the owner, in one
 * statement. One slot per type, one processor writing it.
 */
export function handedOverSlot(profileType: string): OperationSlot<readonly UnusedProfile[]> {
  let slot = handedOver.get(profileType);
  if (!slot) {
    slot = defineSlot<readonly UnusedProfile[]>(`handedOver:${profileType}`);
    handedOver.set(profileType, slot);
  }
  return slot;
}

/** Related profiles by profile type and primary key. */
export type RecordsByType = ReadonlyMap<string, ReadonlyMap<KeyValue, ProfileRecord>>;

/**
 * What the model components of one operation leave for the steps after them; an app's own components read them
 * the same way (`context.require(ModelSlots.profiles)`).
 */
export const ModelSlots = {
  /** The profiles the operation is about: found (Query, Update, Delete) or made new (Create) by ModelLoader. */
  profiles: defineSlot<readonly Profile[]>('profiles'),
  /** How many profiles a search matched before paging, when it asked (returnTotalItemCount); ModelLoader counts them in SQL. */
  totalItemCount: defineSlot<number>('totalItemCount'),
  /** In a Delete: the related profiles nothing else uses, which go with them — decided, and locked, once by ModelLoader. */
  unusedRelated: defineSlot<UnusedProfiles>('unusedRelated'),
  /** In a Delete: the related profiles a related query asks for, as ModelLoader read them before anything went. */
  relatedAsLoaded: defineSlot<RecordsByType>('relatedAsLoaded'),
  /** In a Delete: the primary keys of the profiles ModelCommitter deleted (none when there was nothing to delete). */
  deleted: defineSlot<readonly KeyValue[]>('deleted'),
  /** The response's entities by primary key, made by ModelResponseBuilder for the related response builders to fill. */
  entities: defineSlot<ReadonlyMap<KeyValue, EntityValues>>('entities'),
} as const;
