import { FoundationClosedFault } from '../../faults/FoundationClosedFault.js';
import type { ProfileCache } from '../cache/ProfileCache.js';
import type { KeyValue } from '../definitions/CompiledDefinition.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import type { CacheBus } from '../farm/CacheBus.js';
import { checkKeyValue } from './ProfileReads.js';

/** Cache management (ProfileManagementContext): refresh one profile, or the whole cache, on every server. */
export class ProfileManagementContext {
  constructor(
    private readonly definitions: DefinitionSet,
    private readonly cache: ProfileCache,
    private readonly bus: CacheBus,
    private readonly isOpen: () => boolean,
  ) {}

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
