import type { OperationContext } from '../../pipeline/OperationContext.js';
import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { UserProfileWork } from './UserProfileWork.js';

/**
 * Deletes related items the fates let go, in one statement, and notes them as deleted for the decisions that follow.
 * No reference to them is cleared: the fates made sure nothing but the user and items going with it refer to them.
 */
export async function deleteItems(context: OperationContext, work: UserProfileWork, type: string, keys: readonly KeyValue[]): Promise<void> {
  if (keys.length === 0) return;
  await context.profiles.deleteProfiles(keys, type, { clearReferences: false });
  work.markDeleted(type, keys);
}
