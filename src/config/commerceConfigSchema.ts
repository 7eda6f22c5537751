import { z } from 'zod';
import { databaseConfigSchema } from './databaseConfigSchema.js';

export const cacheConfigSchema = z.strictObject({
  /** How long a cached profile is trusted before it is read again. */
  ttlSeconds: z.number().positive().default(300),
  /** The most profiles held; the least recently used go first. */
  maxEntries: z.number().int().positive().default(16384),
});

export const farmConfigSchema = z.strictObject({
  redis: z.string().regex(/^rediss?:\/\//, 'must be a redis://… URL'),
  channel: z.string().min(1).optional(),
});

/** `<root>/config/commerce.json`; every key optional. */
export const commerceConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  database: databaseConfigSchema.optional(),
  cache: cacheConfigSchema.default({ ttlSeconds: 300, maxEntries: 16384 }),
  farm: farmConfigSchema.optional(),
  /** 32 bytes for AES-256-GCM, as 64 hex digits or base64; or set COMMERCE_ENCRYPTION_KEY. */
  encryptionKey: z.string().optional(),
});

export type CommerceConfig = z.output<typeof commerceConfigSchema>;
export type CacheConfig = z.output<typeof cacheConfigSchema>;
