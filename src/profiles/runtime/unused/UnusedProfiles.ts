import type { KeyValue } from '../../definitions/CompiledDefinition.js';

/** A profile by its type and primary key. */
export interface ProfileRef {
  readonly profileType: string;
  readonly key: KeyValue;
}

/** A profile that nothing will use once the profiles named by `after` (other profiles going too) have gone. */
export interface UnusedProfile extends ProfileRef {
  /** Profiles that refer to it and go as well; empty when it can go at once. */
  readonly after: readonly ProfileRef[];
}

/** The outcome of a decision about which profiles nothing uses any more: read with locks that hold until the transaction ends. */
export class UnusedProfiles {
  constructor(readonly profiles: readonly UnusedProfile[]) {}

  /** Those of `profileType` that can go at once. */
  free(profileType: string): KeyValue[] {
    return this.profiles.filter((p) => p.profileType === profileType && p.after.length === 0).map((p) => p.key);
  }

  /** Those that can go only once others have gone. */
  waiting(): UnusedProfile[] {
    return this.profiles.filter((p) => p.after.length > 0);
  }
}
