import type { KeyValue } from '../../definitions/CompiledDefinition.js';

/** Profiles to lock for a decision. */
export interface LockRequest {
  readonly profileType: string;
  readonly keys: readonly KeyValue[];
  /** By profile type: the profiles whose references do not count as a use (the owner being deleted, its own items). */
  readonly excluded?: Readonly<Record<string, readonly KeyValue[]>>;
}
