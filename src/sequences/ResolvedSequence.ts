import type { SequenceOrigin } from './readSequenceFiles.js';
import type { SequenceComponent } from './SequenceComponent.js';
import type { SequenceFile } from './sequenceFileSchema.js';

export interface SequenceStep {
  readonly name: string;
  readonly component: SequenceComponent;
  readonly configuration: unknown;
}

/** A sequence as it runs: its enabled steps with their component instances, resolved once at start-up. */
export interface ResolvedSequence {
  readonly handler: string;
  readonly file: string;
  readonly origin: SequenceOrigin;
  readonly transactional: boolean;
  readonly isolationLevel: SequenceFile['isolationLevel'];
  readonly steps: readonly SequenceStep[];
  /** Every entry of the file, disabled ones too, for display. */
  readonly entries: SequenceFile['components'];
}
