import type { OperationContext } from '../../pipeline/OperationContext.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { Waiting } from './ItemFates.js';
import { deleteItems } from './deleteItems.js';
import type { UserProfileWork } from './UserProfileWork.js';
import { appendTo } from '../../util/appendTo.js';

const free = (work: UserProfileWork) => (w: Waiting) => w.blockers.every((b) => work.isDeleted(b.type, b.key));

/**
 * Deletes the waiting items that can go: those of a group once every item of the group is free of blockers (one
 * DELETE per type per round). `final`, at the end of the operation, also deletes the free items of groups that
 * still wait, so that an item is never kept only because another it was grouped with stays.
 */
export async function releaseWaiting(context: OperationContext, work: UserProfileWork, final = false): Promise<void> {
  for (;;) {
    const isFree = free(work);
    const blockedGroups = new Set(work.waiting.filter((w) => !isFree(w)).map((w) => w.group));
    const ready = work.waiting.filter((w) => isFree(w) && (final || w.group === undefined || !blockedGroups.has(w.group)));
    if (ready.length === 0) return;
    work.waiting = work.waiting.filter((w) => !ready.includes(w));
    const byType = new Map<string, KeyValue[]>();
    for (const { type, key } of ready) appendTo(byType, type, key);
    for (const [type, keys] of byType) await deleteItems(context, work, type, keys);
  }
}
