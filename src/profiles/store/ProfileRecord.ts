import type { ProfileValue } from '../definitions/CompiledDefinition.js';

/** A profile's values by property name, as stored; treated as immutable once built. */
export type ProfileRecord = Readonly<Record<string, ProfileValue>>;
