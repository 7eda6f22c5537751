import type { OperationContext } from '../../pipeline/OperationContext.js';
import { referencedKeys, type KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { ProfileContext } from '../../profiles/runtime/ProfileContext.js';
import type { Profile } from '../../profiles/runtime/Profile.js';
import type { ProfileRecord } from '../../profiles/store/ProfileRecord.js';
import type { RelationshipMapping } from '../mapping/ModelMapping.js';
import type { Fate, ItemFates, Waiting } from './ItemFates.js';

const workKey = Symbol.for('commerce-foundation/UserProfileWork');

/** What the components of one UserProfile operation hand each other through the operation cache. */
export class UserProfileWork {
  /** The users this operation is about: loaded by the loader (or made new by it, for a Create). */
  users: Profile[] = [];
  /** The response entity of each user, by key, for the related response builders to fill. */
  readonly entities = new Map<KeyValue, Record<string, unknown>>();
  /** How many users the committer deleted. */
  deletedUsers = 0;
  /** Related items by profile type and key, as loaded (for a Delete: as they were), for the response builders. */
  readonly items = new Map<string, Map<KeyValue, ProfileRecord>>();
  /** Related items this operation deleted, by profile type. */
  readonly deleted = new Map<string, Set<KeyValue>>();
  /** Which of the users' items go with them; made by the first processor that needs it. */
  fates: ItemFates | undefined;
  /** Items that go once the items they wait for (other items of the user pointing at them) have gone. */
  waiting: Waiting[] = [];
  private groups = 0;

  /** Defers items decided together, so that they go together once all of them can: one DELETE, not two. */
  deferTogether(type: string, fate: Fate): void {
    const group = ++this.groups;
    this.waiting.push(...fate.going.map((key) => ({ type, key, blockers: [], group })), ...fate.waiting.map((w) => ({ ...w, group })));
  }

  static of(context: OperationContext): UserProfileWork {
    let work = context.cache.get(workKey) as UserProfileWork | undefined;
    if (!work) {
      work = new UserProfileWork();
      context.cache.set(workKey, work);
    }
    return work;
  }

  /** Keeps the profiles' stored records for the response builders. */
  remember(type: string, profiles: readonly Profile[]): void {
    const byKey = this.items.get(type) ?? new Map<KeyValue, ProfileRecord>();
    for (const profile of profiles) byKey.set(profile.primaryKey, profile.storedRecord());
    this.items.set(type, byKey);
  }

  /** Reads the users' items of `relationships` that this work holds neither loaded nor deleted: one read per type, cache first. */
  async loadItems(profiles: ProfileContext, relationships: readonly RelationshipMapping[]): Promise<void> {
    const byType = new Map<string, Set<KeyValue>>();
    for (const user of this.users) {
      for (const relationship of relationships) {
        const type = relationship.model.profileType;
        for (const key of referencedKeys(user.get(relationship.profileProperty))) {
          if (this.item(type, key) || this.isDeleted(type, key)) continue;
          byType.set(type, (byType.get(type) ?? new Set()).add(key));
        }
      }
    }
    for (const [type, keys] of byType) this.remember(type, await profiles.getProfiles([...keys], type));
  }

  item(type: string, key: KeyValue): ProfileRecord | undefined {
    return this.items.get(type)?.get(key);
  }

  markDeleted(type: string, keys: Iterable<KeyValue>): void {
    const set = this.deleted.get(type) ?? new Set<KeyValue>();
    for (const key of keys) set.add(key);
    this.deleted.set(type, set);
  }

  isDeleted(type: string, key: KeyValue): boolean {
    return this.deleted.get(type)?.has(key) ?? false;
  }
}
