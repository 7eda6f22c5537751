import type { FarmConfig } from '../../config/commerceConfigSchema.js';
import { redactUrl } from '../../config/redactUrl.js';
import { ConfigurationError } from '../../errors/ConfigurationError.js';
import type { Logger } from '../../logging/Logger.js';
import type { CacheBus } from './CacheBus.js';
import { defaultFarmChannel, RedisCacheBus } from './RedisCacheBus.js';

/** The web farm of `config/commerce.json` → `farm`, connected; a server that cannot reach it does not start. */
export async function connectFarm(config: FarmConfig | undefined, logger: Logger): Promise<CacheBus | undefined> {
  if (!config) return undefined;
  try {
    return await RedisCacheBus.connect(config.redis, config.channel ?? defaultFarmChannel, logger);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError([{ file: 'config/commerce.json', path: 'farm.redis', message: `the web farm's Redis at ${redactUrl(config.redis)} cannot be reached: ${reason}` }], { cause: error });
  }
}
