import type { SequenceOrigin } from './readSequenceFiles.js';
import type { SequenceComponent } from './SequenceComponent.js';
import type { SequenceFile } from './sequenceFileSchema.js';
import type { PlacedEntry } from './StepOrigin.js';

export interface SequenceStep {
  readonly name: string;
  readonly component: SequenceComponent;
  readonly configuration: unknown;
  /** Who put the step there (`package (module userprofile)`, `module loyalty`, `patch sequences/….patch.json`), as the trace shows it. */
  readonly origin: string;
}

/** A sequence as it runs: its enabled steps with their component instances, resolved once at start-up. */
export interface ResolvedSequence {
  readonly handler: string;
  /** The channel it serves; undefined for the default channel. */
  readonly channel: string | undefined;
  /** The file that gave the sequence whole, before any patch. */
  readonly file: string;
  readonly origin: SequenceOrigin;
  /** The contributors whose patches edited it, in the order applied. */
  readonly patchedBy: readonly string[];
  readonly transactional: boolean;
  readonly isolationLevel: SequenceFile['isolationLevel'];
  /** How long the operation may run before it is rolled back and fails with TransactionTimeoutFault; 0: no limit. */
  readonly transactionTimeoutSeconds: number;
  readonly steps: readonly SequenceStep[];
  /** Every entry of the effective sequence, disabled ones too, each with its origin, for display. */
  readonly entries: readonly PlacedEntry[];
}
