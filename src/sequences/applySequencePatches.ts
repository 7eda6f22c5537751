import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { didYouMean } from '../util/closestNames.js';
import type { SequencePatch, StepAnchor } from './sequencePatchSchema.js';
import type { PlacedEntry, StepOrigin } from './StepOrigin.js';

/** One patch with where it was written: `by` names the contributor (`module loyalty`, `patch sequences/….patch.json`). */
export interface LocatedPatch {
  readonly patch: SequencePatch;
  readonly by: string;
  readonly file: string;
  /** Where the patch is inside its file (`patches[2]`, `sequencePatches[0]`). */
  readonly path: string;
}

/** A step that a patch took out: who did, and how (a replaced step is taken out too). */
interface Gone {
  readonly name: string;
  readonly by: string;
  readonly how: 'removed' | 'replaced';
}

/** A placed entry that took the place of another of the same name by `replace`: a later contributor's remove or replace of that name meets it. */
interface Working extends PlacedEntry {
  readonly replacing?: { readonly name: string; readonly by: string };
}

const anchorName = (anchor: StepAnchor): string => (typeof anchor === 'string' ? anchor : anchor.name);
const describeAnchor = (anchor: StepAnchor): string =>
  typeof anchor === 'string' || anchor.occurrence === 1 ? `"${anchorName(anchor)}"` : `"${anchor.name}" (occurrence ${String(anchor.occurrence)})`;

/**
 * One sequence under patching: each contributor's patches are applied in turn, and what earlier contributors took out
 * or replaced is remembered, so that a later contributor that removes or replaces the same step is an error naming both.
 */
export class PatchedSequence {
  private readonly working: Working[];
  private readonly gone: Gone[] = [];

  constructor(
    private readonly handler: string,
    base: readonly PlacedEntry[],
  ) {
    this.working = [...base];
  }

  /** The entries as the patches applied so far left them. */
  get entries(): PlacedEntry[] {
    return this.working.map(({ replacing: _, ...entry }) => entry);
  }

  /**
   * Applies patches, in the order given; answers every problem: an anchor that is not there (with the closest names),
   * a name that occurs more than once where the patch does not say which, a step two contributors remove or replace.
   */
  apply(patches: readonly LocatedPatch[]): ConfigurationProblem[] {
    const { handler, gone } = this;
    const entries = this.working;
    const problems: ConfigurationProblem[] = [];
    for (const located of patches) {
    const { patch, by, file, path } = located;
    const problem = (at: string, message: string) => problems.push({ file, path: at ? `${path}.${at}` : path, message });

    /** The index of the step `anchor` names, or a problem. `taking` is set when the patch removes or replaces it. */
    const find = (anchor: StepAnchor, at: string, taking?: 'removes' | 'replaces'): number | undefined => {
      const name = anchorName(anchor);
      const matches = entries.flatMap((entry, index) => (entry.name === name ? [index] : []));
      if (typeof anchor === 'string' && matches.length > 1) {
        problem(at, `"${name}" occurs ${String(matches.length)} times in ${handler}; say which: { "name": "${name}", "occurrence": 1 } (counting from 1)`);
        return undefined;
      }
      const occurrence = typeof anchor === 'string' ? 1 : anchor.occurrence;
      const index = matches[occurrence - 1];
      if (index === undefined) {
        const taken = gone.find((g) => g.name === name);
        if (taken) {
          problem(at, taking
            ? `${taken.by} and ${by} both ${taking === 'removes' ? 'remove' : 'replace'} the step ${describeAnchor(anchor)} of ${handler} (${taken.by} ${taken.how} it first)`
            : `the step ${describeAnchor(anchor)} of ${handler} was ${taken.how} by ${taken.by}, so ${by} cannot place or configure against it`);
        } else if (matches.length > 0) {
          problem(at, `${handler} has ${String(matches.length)} step${matches.length === 1 ? '' : 's'} named "${name}", not ${String(occurrence)}`);
        } else {
          const names = [...new Set(entries.map((e) => e.name))];
          problem(at, `${handler} has no step "${name}".${didYouMean(name, names)} Its steps: ${names.join(', ') || 'none'}`);
        }
        return undefined;
      }
      const target = entries[index];
      if (taking && target?.replacing && target.replacing.by !== by && target.replacing.name === name) {
        problem(at, `${target.replacing.by} and ${by} both ${taking === 'removes' ? 'remove' : 'replace'} the step ${describeAnchor(anchor)} of ${handler} (${target.replacing.by} replaced it first)`);
        return undefined;
      }
      return index;
    };

    const origin = (at: string): StepOrigin => ({ by, file, path: `${path}.${at}` });

    if ('add' in patch) {
      let index: number | undefined;
      if (patch.before !== undefined) index = find(patch.before, 'before');
      else if (patch.after !== undefined) {
        const anchor = find(patch.after, 'after');
        index = anchor === undefined ? undefined : anchor + 1;
      } else index = patch.at === 'start' ? 0 : entries.length;
      if (index === undefined) continue;
      entries.splice(index, 0, { ...patch.add, origin: origin('add') });
    } else if ('remove' in patch) {
      const index = find(patch.remove, 'remove', 'removes');
      if (index === undefined) continue;
      const [taken] = entries.splice(index, 1);
      if (taken) gone.push({ name: taken.name, by, how: 'removed' });
    } else if ('replace' in patch) {
      const index = find(patch.replace, 'replace', 'replaces');
      if (index === undefined) continue;
      const taken = entries[index];
      if (!taken) continue;
      entries[index] = { ...patch.with, origin: origin('with'), replacing: { name: taken.name, by } };
      gone.push({ name: taken.name, by, how: 'replaced' });
    } else {
      const index = find(patch.configure, 'configure');
      if (index === undefined) continue;
      const target = entries[index];
      if (!target) continue;
      entries[index] = { ...target, configuration: patch.configuration, configuredBy: { by, file, path } };
    }
  }
    return problems;
  }
}
