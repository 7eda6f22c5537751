import { FoundationClosedFault } from '../../faults/FoundationClosedFault.js';
import type { ProfileCache } from '../cache/ProfileCache.js';
import type { KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { CacheBus } from '../farm/CacheBus.js';
import type { ProfileSearchOptions, ProfileSearchResult } from '../search/ProfileSearch.js';
import type { ProfileContext } from './ProfileContext.js';
import { checkKeyValue } from './ProfileReads.js';

/** ProfileManagementContext: cache management (one profile, or the whole cache, on every server) and search. */
export class ProfileManagementContext {
  constructor(
    private readonly definitions: DefinitionSet,
    private readonly cache: ProfileCache,
    private readonly bus: CacheBus,
    private readonly isOpen: () => boolean,
    private readonly profiles: ProfileContext,
  ) {}

  /**
   * The Profiles System's search (ExecuteSearch in Commerce Server): the profiles of `profileType` that `filter`
   * matches, sorted by `sort` (the primary key last), `limit` of them from the `offset`-th, with `totalCount` when
   * `count` asks for it. Names are profile properties (`GeneralInfo.last_name`); the database does the work.
   */
  searchProfiles(profileType: string, options: ProfileSearchOptions = {}): Promise<ProfileSearchResult> {
    return this.profiles.searchProfiles(profileType, options);
  }

  /** Drops one profile (both arguments) or every profile (none) from the cache, here and on every server. */
  async refreshProfileCache(primaryKey?: KeyValue, profileType?: string): Promise<void> {
    if (!this.isOpen()) throw new FoundationClosedFault();
    if (primaryKey === undefined) {
      this.cache.clear();
      await this.bus.publish([{ kind: 'all' }]);
      return;
    }
    const definition = this.definitions.get(profileType ?? '');
    const key = checkKeyValue(definition.primary, primaryKey);
    this.cache.evict(definition.name, key);
    await this.bus.publish([{ kind: 'changed', type: definition.name, keys: [key] }]);
  }

  /** How many profiles this server holds. */
  get cachedProfiles(): number {
    return this.cache.size;
  }
}
