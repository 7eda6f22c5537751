import type { KeyKind, PropertyType } from './profileDefinitionSchema.js';

export type KeyValue = string | number;

/** One string naming a profile by type and primary key, for maps and sets across types. */
export const profileId = (type: string, key: KeyValue): string => `${type}\u0000${key}`;
/**
 * A primary key as maps of one type's profiles key it: a number and its decimal text are the same profile, as they
 * are in profileId (a string key, the common case, is used as it is: no new string per lookup).
 */
export const keySlot = (key: KeyValue): string => (typeof key === 'string' ? key : String(key));
/** A property's value: a list of primary key values for a multi-valued reference. */
export type ProfileValue = string | number | boolean | Date | null | KeyValue[];

/** The primary keys a reference property's value holds: its list, its one key, or none. */
export function referencedKeys(value: ProfileValue | undefined): KeyValue[] {
  if (Array.isArray(value)) return value;
  return value === null || value === undefined ? [] : [value as KeyValue];
}

export interface CompiledProperty {
  readonly name: string;
  readonly type: PropertyType;
  readonly column: string;
  readonly keys: ReadonlySet<KeyKind>;
  /** Every key is unique, non-null, and indexed in the cache. */
  readonly isKey: boolean;
  /** PRIMARY, JOIN and HASHING values cannot change once stored. */
  readonly immutable: boolean;
  readonly required: boolean;
  readonly maxLength: number | undefined;
  readonly references: string | undefined;
  readonly multiValued: boolean;
  /** Its column has an index of its own: a key's unique index, a reference's index, or one `indexed` asks for. */
  readonly indexed: boolean;
  /** Multi-valued references: the link table (owner_key, item_key, position). */
  readonly linkTable: string | undefined;
}

/** A definition checked and ready for the store and the cache. */
export interface CompiledDefinition {
  readonly name: string;
  /** The file it was read from, for messages. */
  readonly file: string;
  readonly table: string;
  readonly properties: readonly CompiledProperty[];
  readonly byName: ReadonlyMap<string, CompiledProperty>;
  readonly primary: CompiledProperty;
  readonly join: CompiledProperty;
  readonly hashing: CompiledProperty | undefined;
  readonly keyProperties: readonly CompiledProperty[];
  /** Stored in the profile's own row. */
  readonly columnProperties: readonly CompiledProperty[];
  /** Stored in link tables. */
  readonly listProperties: readonly CompiledProperty[];
}

export const dateCreatedProperty = 'ProfileSystem.date_created';
export const dateChangedProperty = 'ProfileSystem.date_last_changed';
