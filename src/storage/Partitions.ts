import type { Knex } from 'knex';
import type { ResolvedDatabaseConfig } from '../config/databaseConfigSchema.js';
import type { Logger } from '../logging/Logger.js';
import { createKnex } from './createKnex.js';

export interface Partition {
  readonly name: string;
  readonly knex: Knex;
}

/** FNV-1a over the UTF-8 bytes: the same partition for the same value on every server and every start. */
export function partitionHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The databases of a foundation: the default one (profiles without a HASHING key, blocked users, the operations'
 * own SQL) and the partitions that profiles with a HASHING key are spread over by the hash of that key's value.
 */
export class Partitions {
  private readonly distinct: readonly Knex[];
  /** The databases the partitions use, each once. */
  readonly hashedDatabases: readonly Knex[];

  constructor(
    readonly defaultDatabase: Knex,
    readonly hashed: readonly Partition[],
  ) {
    this.hashedDatabases = [...new Set(hashed.map((p) => p.knex))];
    this.distinct = [...new Set([defaultDatabase, ...this.hashedDatabases])];
  }

  /** True when HASHING-keyed profiles live elsewhere than the default database. */
  get partitioned(): boolean {
    return this.distinct.length > 1;
  }

  /** Every database, each once, the default first. */
  databases(): readonly Knex[] {
    return this.distinct;
  }

  forValue(value: string | number): Partition {
    const partition = this.hashed[partitionHash(String(value)) % this.hashed.length];
    if (!partition) throw new Error('no partitions');
    return partition;
  }

  /** Ends every pool, even when ending one fails; the first failure is then reported. */
  async destroy(): Promise<void> {
    const ended = await Promise.allSettled(this.distinct.map((knex) => knex.destroy()));
    const failed = ended.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** The default database and the partitions of a config; a partition with the same connection shares its pool. */
export function createPartitions(config: ResolvedDatabaseConfig, logger?: Logger): Partitions {
  if (!('partitions' in config) || !config.partitions) {
    const knex = createKnex(config, logger);
    return new Partitions(knex, [{ name: 'default', knex }]);
  }
  const { partitions, ...single } = config;
  const pools = new Map<string, Knex>();
  const pool = (connection: typeof config.connection) => {
    const key = JSON.stringify(connection);
    let knex = pools.get(key);
    if (!knex) {
      knex = createKnex({ ...single, connection }, logger);
      pools.set(key, knex);
    }
    return knex;
  };
  const marked = partitions.find((p) => p.default);
  const defaultDatabase = pool(marked ? marked.connection : config.connection);
  return new Partitions(defaultDatabase, partitions.map((p) => ({ name: p.name, knex: pool(p.connection) })));
}
