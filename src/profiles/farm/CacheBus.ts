import type { KeyValue } from '../definitions/CompiledDefinition.js';

/**
 * A cache change every server of a farm must hear: profiles changed (or refreshed), profiles deleted (whatever
 * pointed at them goes too), or the whole cache.
 */
export type CacheMessage =
  | { readonly kind: 'changed'; readonly type: string; readonly keys: readonly KeyValue[] }
  | { readonly kind: 'deleted'; readonly type: string; readonly keys: readonly KeyValue[] }
  | { readonly kind: 'all' };

/** Carries cache changes between the servers of a web farm; a lone server needs no bus. */
export interface CacheBus {
  publish(messages: readonly CacheMessage[]): Promise<void>;
  /** Calls `hear` with every message another server publishes. */
  subscribe(hear: (message: CacheMessage) => void): void;
  close(): Promise<void>;
  /** Resolves when the farm's server answers (a readiness probe); a lone server's bus has none. */
  ping?(): Promise<void>;
}

export const localBus: CacheBus = {
  publish: () => Promise.resolve(),
  subscribe: () => undefined,
  close: () => Promise.resolve(),
};
