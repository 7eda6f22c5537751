import { z } from 'zod';
import { zodProblems } from '../config/readJsonFile.js';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { didYouMean } from '../util/closestNames.js';
import { PatchedSequence, type LocatedPatch } from './applySequencePatches.js';
import { modelNameOfHandler } from './handlerName.js';
import type { SequenceSource } from './readSequenceFiles.js';
import { sequencePatchSchema, type SequencePatchInput } from './sequencePatchSchema.js';
import { flatMap } from '../util/flatMap.js';

/** What a contributor that computes its patches is shown: the sequence as the contributors before it left it. */
export interface SequencePatchTarget {
  readonly handler: string;
  /** The model the handler is for (`UserProfile` in `CommerceDeleteOperation_UserProfile`). */
  readonly modelName: string;
  /** The channel whose sequence this is; undefined for the default channel. */
  readonly channel: string | undefined;
  /** The component names of its steps, in order (disabled ones too). */
  readonly steps: readonly string[];
}

/** Patches computed for each sequence in turn: a module's `sequencePatches` given as a function. */
export type SequencePatchFunction = (target: SequencePatchTarget) => readonly SequencePatchInput[];

/** A sequence's `transactionTimeoutSeconds`, set by a patch file. */
export interface SequenceSetting {
  readonly handler: string;
  readonly file: string;
  readonly transactionTimeoutSeconds: number;
}

/** One contributor of patches, in the order of application: a module, or one of the app's patch files. */
export interface PatchContributor {
  /** How steps it adds are shown: `module loyalty`, `patch sequences/….patch.json`. */
  readonly by: string;
  /** Where problems of its patches are reported. */
  readonly file: string;
  /** Patches that name their handler. */
  readonly patches: readonly (LocatedPatch & { handler: string })[];
  /** Patches computed for every sequence (every handler, every channel). */
  readonly patchesFor?: SequencePatchFunction | undefined;
  /** Applied after every other contributor, the channels' patch files included (a module's `sequencePatchesLast`). */
  readonly last?: boolean | undefined;
  /** Settings of sequences that its patch files change, each for its handler. */
  readonly settings?: readonly SequenceSetting[] | undefined;
}

const computedPatches = z.array(sequencePatchSchema);

function computed(contributor: PatchContributor, source: SequenceSource, steps: readonly string[], problems: ConfigurationProblem[]): LocatedPatch[] {
  if (!contributor.patchesFor) return [];
  const path = `sequencePatches(${source.handler}${source.channel ? `, channel ${source.channel}` : ''})`;
  let given: unknown;
  try {
    given = contributor.patchesFor({ handler: source.handler, modelName: modelNameOfHandler(source.handler), channel: source.channel, steps });
  } catch (error) {
    problems.push({ file: contributor.file, path, message: `failed: ${error instanceof Error ? error.message : String(error)}` });
    return [];
  }
  const parsed = computedPatches.safeParse(given);
  if (!parsed.success) {
    problems.push(...zodProblems(contributor.file, parsed.error, path, computedPatches));
    return [];
  }
  return parsed.data.map((patch, i) => ({ patch, by: contributor.by, file: contributor.file, path: `${path}[${String(i)}]` }));
}

/** A problem for each patch of `contributors` whose handler `defined` has no sequence for. */
export function unknownHandlers(contributors: readonly PatchContributor[], defined: ReadonlyMap<string, unknown>): ConfigurationProblem[] {
  return flatMap(contributors, (contributor) =>
    [...contributor.patches, ...(contributor.settings ?? []).map(({ handler, file }) => ({ handler, file, path: 'transactionTimeoutSeconds' }))]
      .filter(({ handler }) => !defined.has(handler))
      .map(({ handler, file, path }) => ({
        file,
        path,
        message: `no sequence defines ${handler}: a patch edits a sequence that the package, a module or the app gives.${didYouMean(handler, defined.keys())}`,
      })),
  );
}

/**
 * Applies the contributors' patches, each contributor in turn, to every sequence of `sources`; answers the effective
 * sequences and every problem (a patch for a handler that `sources` lacks is not applied: see unknownHandlers).
 */
export function patchSequences(
  sources: ReadonlyMap<string, SequenceSource>,
  contributors: readonly PatchContributor[],
): { sources: Map<string, SequenceSource>; problems: ConfigurationProblem[] } {
  const problems: ConfigurationProblem[] = [];
  const out = new Map<string, SequenceSource>();
  for (const source of sources.values()) {
    const sequence = new PatchedSequence(source.channel === undefined ? source.handler : `${source.handler} (channel ${source.channel})`, source.entries);
    const patchedBy: string[] = [...source.patchedBy];
    let { definition } = source;
    for (const contributor of contributors) {
      const setting = contributor.settings?.findLast((s) => s.handler === source.handler);
      if (setting) definition = { ...definition, transactionTimeoutSeconds: setting.transactionTimeoutSeconds };
      const patches = [
        ...contributor.patches.filter((p) => p.handler === source.handler),
        ...computed(contributor, source, sequence.entries.map((e) => e.name), problems),
      ];
      if (patches.length === 0 && !setting) continue;
      problems.push(...sequence.apply(patches));
      patchedBy.push(contributor.by);
    }
    out.set(source.handler, patchedBy.length === source.patchedBy.length ? source : { ...source, definition, entries: sequence.entries, patchedBy });
  }
  return { sources: out, problems };
}
