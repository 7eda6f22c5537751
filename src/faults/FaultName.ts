/** Every kind of fault an operation can answer with, as `faultName` names it on remote channels. */
export const faultNames = ['ValidationFault', 'ItemDoesNotExistFault', 'ItemAlreadyExistsFault', 'SequenceNotFoundFault', 'ComponentFault', 'FoundationClosedFault', 'AuthorizationFault', 'TransactionTimeoutFault'] as const;

export type FaultName = (typeof faultNames)[number];

/** Whether a name (say, from a remote fault body) is one of the faults this package answers with. */
export function isFaultName(name: unknown): name is FaultName {
  return typeof name === 'string' && (faultNames as readonly string[]).includes(name);
}
