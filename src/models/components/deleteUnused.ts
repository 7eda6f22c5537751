import type { KeyValue } from '../../profiles/definitions/CompiledDefinition.js';
import type { OperationContext } from '../../sequences/OperationContext.js';

/**
 * Deletes related items nothing else uses, in one statement. No reference to them is cleared: the decision made sure
 * nothing but the owner and items going with it refer to them. Queued (see QueueOptions): a failure fails the operation.
 */
export async function deleteUnused(context: OperationContext, profileType: string, keys: readonly KeyValue[]): Promise<void> {
  if (keys.length) await context.profiles.deleteProfiles(keys, profileType, { clearReferences: false, queue: {} });
}
