import type { CacheBus, CacheMessage } from './CacheBus.js';

/** The bus to the other servers, and how to hear them (the cache exists only once the system does). */
export interface CacheFarm {
  readonly bus: CacheBus;
  readonly listen?: (hear: (message: CacheMessage) => void) => void;
}
