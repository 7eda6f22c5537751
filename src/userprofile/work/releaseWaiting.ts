import type { OperationContext } from '../../pipeline/OperationContext.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { UserProfileWork } from './UserProfileWork.js';

/** Deletes the waiting items whose blockers have all gone: one DELETE per type per round. */
export async function releaseWaiting(context: OperationContext, work: UserProfileWork): Promise<void> {
  for (;;) {
    const ready = work.waiting.filter((w) => w.blockers.every((b) => work.isDeleted(b.type, b.key)));
    if (ready.length === 0) return;
    work.waiting = work.waiting.filter((w) => !ready.includes(w));
    const byType = new Map<string, KeyValue[]>();
    for (const { type, key } of ready) byType.set(type, [...(byType.get(type) ?? []), key]);
    for (const [type, keys] of byType) {
      await context.profiles.deleteProfiles(keys, type, { clearReferences: false });
      work.markDeleted(type, keys);
    }
  }
}
