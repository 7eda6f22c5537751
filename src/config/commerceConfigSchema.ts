import { z } from 'zod';
import { logLevels } from '../logging/defaultLogger.js';
import { databaseConfigSchema } from './databaseConfigSchema.js';
import { serverConfigSchema } from './serverConfigSchema.js';

export const cacheConfigSchema = z
  .strictObject({
    ttlSeconds: z.number().positive().default(300).describe('How long a cached profile is trusted before it is read again.'),
    maxEntries: z.number().int().positive().default(16384).describe('The most profiles held; the least recently used go first.'),
  })
  .describe('The in-memory profile cache.');

export const farmConfigSchema = z
  .strictObject({
    redis: z.string().regex(/^rediss?:\/\//, 'must be a redis://… URL').describe('The Redis server every server of the farm shares.'),
    channel: z.string().min(1).optional().describe('The pub/sub channel; default commerce-foundation:profiles.'),
  })
  .describe('Web farm: every server hears every refresh and every change made through any server.');

export const logConfigSchema = z
  .strictObject({
    level: z
      .enum(logLevels)
      .default('info')
      .describe('The lowest level the default logger (pino, JSON lines on stdout) writes; SQL text is logged at debug, never its values. COMMERCE_LOG_LEVEL overrides it.'),
  })
  .describe('The default logger; a logger given in options (options.logger) keeps its own level.');

export const commerceConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    database: databaseConfigSchema.optional(),
    cache: cacheConfigSchema.default({ ttlSeconds: 300, maxEntries: 16384 }),
    farm: farmConfigSchema.optional(),
    server: serverConfigSchema.optional(),
    modules: z
      .array(z.string().min(1))
      .optional()
      .describe('Modules to load, after the shipped ones: paths relative to the root (./dist/loyalty.js) or package names. The commerce CLI loads them too.'),
    components: z
      .string()
      .min(1)
      .optional()
      .describe('A module (relative to the root) whose exports are custom components by name, for apps and for the commerce CLI.'),
    channels: z
      .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be letters, digits, - and _ (it names the folder sequences/<channel>/)'))
      .refine((names) => new Set(names).size === names.length, 'names a channel twice')
      .optional()
      .describe("The channels a request may name in requestContext.channel; sequences/<channel>/ holds each one's sequence files and patches."),
    encryptionKey: z
      .string()
      .optional()
      .describe('The key for card numbers: 32 bytes as 64 hex digits or base64. COMMERCE_ENCRYPTION_KEY overrides it.'),
    log: logConfigSchema.default({ level: 'info' }),
  })
  .describe('config/commerce.json: every key optional.');

export type CommerceConfig = z.output<typeof commerceConfigSchema>;
export type CacheConfig = z.output<typeof cacheConfigSchema>;
export type FarmConfig = z.output<typeof farmConfigSchema>;

