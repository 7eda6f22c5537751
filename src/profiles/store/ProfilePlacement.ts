import type { Knex } from 'knex';
import type { Partitions } from '../../storage/Partitions.js';
import type { CompiledDefinition, CompiledProperty, KeyValue } from '../definitions/CompiledDefinition.js';
import type { ProfileRecord } from './ProfileRecord.js';
import { appendTo } from '../../util/appendTo.js';

/** Where profiles live: a definition without a HASHING key in the default database, one with it in its partition. */
export class ProfilePlacement {
  constructor(readonly partitions: Partitions) {}

  /** Every database, for statements that must see every profile of any definition. */
  all(): readonly Knex[] {
    return this.partitions.databases();
  }

  databasesOf(definition: CompiledDefinition): readonly Knex[] {
    if (!definition.hashing) return [this.partitions.defaultDatabase];
    return this.partitions.hashedDatabases;
  }

  databaseOf(definition: CompiledDefinition, record: ProfileRecord): Knex {
    const hashing = definition.hashing;
    if (!hashing) return this.partitions.defaultDatabase;
    return this.partitions.forValue(record[hashing.name] as KeyValue).knex;
  }

  /**
   * The databases to ask for profiles by `key`: by the HASHING key each value goes to its own partition; by
   * any other key every database of the definition is asked (where Commerce Server's partitioned stores failed).
   */
  route(definition: CompiledDefinition, key: CompiledProperty, values: readonly KeyValue[]): Map<Knex, KeyValue[]> {
    const routes = new Map<Knex, KeyValue[]>();
    if (definition.hashing && key === definition.hashing) {
      for (const value of values) {
        appendTo(routes, this.partitions.forValue(value).knex, value);
      }
      return routes;
    }
    for (const knex of this.databasesOf(definition)) routes.set(knex, [...values]);
    return routes;
  }

  /** Whether profiles of the two definitions always live in one database: only then can a link table between them hold a foreign key to its items. */
  sameDatabase(owner: CompiledDefinition, item: CompiledDefinition): boolean {
    return !this.partitions.partitioned || (!owner.hashing && !item.hashing);
  }
}
