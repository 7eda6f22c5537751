import type { CacheMessage } from '../farm/CacheBus.js';
import type { ProfileCache } from './ProfileCache.js';

/** What a server does when another server of the farm says its cache must change. */
export function applyCacheMessage(cache: ProfileCache, message: CacheMessage): void {
  switch (message.kind) {
    case 'all':
      cache.clear();
      return;
    case 'changed':
      for (const key of message.keys) cache.evict(message.type, key);
      return;
    case 'deleted':
      for (const key of message.keys) cache.evict(message.type, key);
      cache.evictReferrersOf(message.type, message.keys);
  }
}
