import type { FarmConfig } from '../../config/commerceConfigSchema.js';
import { redactUrl } from '../../config/redactUrl.js';
import { ConfigurationError } from '../../errors/ConfigurationError.js';
import type { Logger } from '../../logging/Logger.js';
import type { CacheMessage } from './CacheBus.js';
import type { CacheFarm } from './CacheFarm.js';
import { defaultFarmChannel, RedisCacheBus } from './RedisCacheBus.js';

/** The web farm of `config/commerce.json` → `farm`, connected; a server that cannot reach it does not start. */
export async function connectFarm(config: FarmConfig | undefined, logger: Logger): Promise<CacheFarm | undefined> {
  if (!config) return undefined;
  let hear: ((message: CacheMessage) => void) | undefined;
  try {
    const bus = await RedisCacheBus.connect(config.redis, config.channel ?? defaultFarmChannel, logger, (message) => hear?.(message));
    return { bus, listen: (listener) => void (hear = listener) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError([{ file: 'config/commerce.json', path: 'farm.redis', message: `the web farm's Redis at ${redactUrl(config.redis)} cannot be reached: ${reason}` }], { cause: error });
  }
}
