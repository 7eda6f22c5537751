import type { SequenceFile } from './sequenceFileSchema.js';

/**
 * Who put a step where it is, and where they said so: `by` is shown by `commerce sequences` and in the trace —
 * `package (module userprofile)`, `app sequences/<Handler>.json`, `module loyalty`, `patch sequences/<Handler>.patch.json`;
 * `file` and `path` place start-up problems of the step (`components[2]`, `patches[0].add`).
 */
export interface StepOrigin {
  readonly by: string;
  readonly file: string;
  readonly path: string;
}

export type SequenceEntry = SequenceFile['components'][number];

/** An entry of an effective sequence, with who put it there and, when a patch set its configuration, who did. */
export interface PlacedEntry extends SequenceEntry {
  readonly origin: StepOrigin;
  readonly configuredBy?: StepOrigin;
}

/** The entries of a file, each placed by the file. */
export function placedEntries(components: readonly SequenceEntry[], origin: Omit<StepOrigin, 'path'>): PlacedEntry[] {
  return components.map((entry, index) => ({ ...entry, origin: { ...origin, path: `components[${index}]` } }));
}
