import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../../logging/Logger.js';
import type { CacheBus, CacheMessage } from './CacheBus.js';

export const defaultFarmChannel = 'commerce-foundation:profiles';

const keys = z.array(z.union([z.string(), z.number()]));
const envelopeSchema = z.object({
  origin: z.string(),
  messages: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('changed'), type: z.string(), keys }),
      z.object({ kind: z.literal('deleted'), type: z.string(), keys }),
      z.object({ kind: z.literal('all') }),
    ]),
  ),
});

const options = { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 2, enableOfflineQueue: false };

/**
 * The web farm's bus: Redis pub/sub on one channel. Each server publishes what its committed transactions changed
 * and every refresh asked of it; every other server evicts those profiles, so that its next read goes to the store.
 * A message lost while a server is disconnected is covered by the cache time-out.
 */
export class RedisCacheBus implements CacheBus {
  private readonly origin = randomUUID();
  private readonly listeners: ((message: CacheMessage) => void)[] = [];

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /** Connects and subscribes to the channel; rejects when Redis cannot be reached. */
  static async connect(url: string, channel: string, logger: Logger): Promise<RedisCacheBus> {
    const publisher = new Redis(url, options);
    const subscriber = new Redis(url, options);
    // Without a listener, ioredis prints every connection error to the console, start-up's included.
    for (const redis of [publisher, subscriber]) redis.on('error', (error: Error) => logger.warn({ detail: error.message }, 'web farm connection'));
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(channel);
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      throw error;
    }
    const bus = new RedisCacheBus(publisher, subscriber, channel, logger);
    subscriber.on('message', (_channel: string, text: string) => bus.receive(text));
    return bus;
  }

  subscribe(hear: (message: CacheMessage) => void): void {
    this.listeners.push(hear);
  }

  private receive(text: string): void {
    let parsed;
    try {
      parsed = envelopeSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      this.logger.warn({ channel: this.channel }, 'web farm: a message that is not of this framework was ignored');
      return;
    }
    if (parsed.data.origin === this.origin) return;
    for (const message of parsed.data.messages) for (const hear of this.listeners) hear(message);
  }

  async publish(messages: readonly CacheMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      await this.publisher.publish(this.channel, JSON.stringify({ origin: this.origin, messages }));
    } catch (error) {
      this.logger.warn(
        { detail: error instanceof Error ? error.message : String(error) },
        'web farm: a cache change could not be published; other servers rely on the cache time-out',
      );
    }
  }

  async ping(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  /** QUITs while Redis answers; then ends the clients, which would otherwise keep reconnecting to an unreachable one. */
  async close(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
