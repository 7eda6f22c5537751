import type { KeyValue } from '../definitions/CompiledDefinition.js';

export type ProfileChange = 'created' | 'updated' | 'deleted';

/** What an operation has written through the Profiles System so far, by profile type and primary key. */
export interface WrittenProfiles {
  /** Profiles it stored that were not there before. */
  created(profileType: string): readonly KeyValue[];
  /** Profiles that were there before and that it changed. */
  updated(profileType: string): readonly KeyValue[];
  /** Profiles that were there before and that its deletes removed (a delete that found nothing is not one). */
  deleted(profileType: string): readonly KeyValue[];
}

/** A profile created and then changed was still created; created and then deleted, it was never there. */
function netChange(before: ProfileChange | undefined, change: ProfileChange): ProfileChange | undefined {
  if (before === 'created') return change === 'deleted' ? undefined : 'created';
  if (before === 'deleted' && change === 'created') return 'updated';
  return change;
}

/** The net change a session's writes made to each profile. */
export class ProfileWriteLog implements WrittenProfiles {
  private readonly changes = new Map<string, Map<KeyValue, ProfileChange>>();

  record(profileType: string, keys: Iterable<KeyValue>, change: ProfileChange): void {
    const byKey = this.changes.get(profileType) ?? new Map<KeyValue, ProfileChange>();
    this.changes.set(profileType, byKey);
    for (const key of keys) {
      const net = netChange(byKey.get(key), change);
      if (net) byKey.set(key, net);
      else byKey.delete(key);
    }
  }

  created(profileType: string): KeyValue[] {
    return this.keys(profileType, 'created');
  }

  updated(profileType: string): KeyValue[] {
    return this.keys(profileType, 'updated');
  }

  deleted(profileType: string): KeyValue[] {
    return this.keys(profileType, 'deleted');
  }

  private keys(profileType: string, change: ProfileChange): KeyValue[] {
    return [...(this.changes.get(profileType) ?? [])].filter(([, c]) => c === change).map(([key]) => key);
  }
}
