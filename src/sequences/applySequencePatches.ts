import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { didYouMean } from '../util/closestNames.js';
import type { SequencePatch, StepAnchor } from './sequencePatchSchema.js';
import type { PlacedEntry, StepOrigin } from './StepOrigin.js';
import { flatMap } from '../util/flatMap.js';

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
   * A patch with a problem changes nothing.
   */
  apply(patches: readonly LocatedPatch[]): ConfigurationProblem[] {
    const problems: ConfigurationProblem[] = [];
    for (const located of patches) this.applyOne(located, problems);
    return problems;
  }

  private applyOne(located: LocatedPatch, problems: ConfigurationProblem[]): void {
    const { patch, by, file, path } = located;
    const entries = this.working;
    const report = (at: string, message: string) => problems.push({ file, path: `${path}.${at}`, message });
    const find = (anchor: StepAnchor, at: string, taking?: 'remove' | 'replace') => {
      const found = this.find(anchor, by, taking);
      if (typeof found === 'string') report(at, found);
      return typeof found === 'number' ? found : undefined;
    };
    const origin = (at: string): StepOrigin => ({ by, file, path: `${path}.${at}` });

    if ('add' in patch) {
      let index: number | undefined;
      if (patch.before !== undefined) index = find(patch.before, 'before');
      else if (patch.after !== undefined) {
        const anchor = find(patch.after, 'after');
        index = anchor === undefined ? undefined : anchor + 1;
      } else index = patch.at === 'start' ? 0 : entries.length;
      if (index !== undefined) entries.splice(index, 0, { ...patch.add, origin: origin('add') });
    } else if ('remove' in patch) {
      const index = find(patch.remove, 'remove', 'remove');
      const taken = index === undefined ? undefined : entries.splice(index, 1)[0];
      if (taken) this.gone.push({ name: taken.name, by, how: 'removed' });
    } else if ('replace' in patch) {
      const index = find(patch.replace, 'replace', 'replace');
      const taken = index === undefined ? undefined : entries[index];
      if (index === undefined || !taken) return;
      entries[index] = { ...patch.with, origin: origin('with'), replacing: { name: taken.name, by } };
      this.gone.push({ name: taken.name, by, how: 'replaced' });
    } else {
      const index = find(patch.configure, 'configure');
      const target = index === undefined ? undefined : entries[index];
      if (index === undefined || !target) return;
      entries[index] = { ...target, configuration: patch.configuration, configuredBy: { by, file, path } };
    }
  }

  /** The index of the step `anchor` names, or what is wrong with it. `taking` says the patch by `by` removes or replaces it. */
  private find(anchor: StepAnchor, by: string, taking?: 'remove' | 'replace'): number | string {
    const { handler } = this;
    const name = anchorName(anchor);
    const matches = flatMap(this.working, (entry, index) => (entry.name === name ? [index] : []));
    if (typeof anchor === 'string' && matches.length > 1) {
      return `"${name}" occurs ${String(matches.length)} times in ${handler}; say which: { "name": "${name}", "occurrence": 1 } (counting from 1)`;
    }
    const occurrence = typeof anchor === 'string' ? 1 : anchor.occurrence;
    const index = matches[occurrence - 1];
    if (index === undefined) {
      const taken = this.gone.find((g) => g.name === name);
      if (taken && taking) return `${taken.by} and ${by} both ${taking} the step ${describeAnchor(anchor)} of ${handler} (${taken.by} ${taken.how} it first)`;
      if (taken) return `the step ${describeAnchor(anchor)} of ${handler} was ${taken.how} by ${taken.by}, so ${by} cannot place or configure against it`;
      if (matches.length > 0) return `${handler} has ${String(matches.length)} step${matches.length === 1 ? '' : 's'} named "${name}", not ${String(occurrence)}`;
      const names = [...new Set(this.working.map((e) => e.name))];
      return `${handler} has no step "${name}".${didYouMean(name, names)} Its steps: ${names.join(', ') || 'none'}`;
    }
    const replacing = this.working[index]?.replacing;
    // A step that took another's place under the same name: a second contributor taking it takes the same step.
    if (taking && replacing && replacing.by !== by && replacing.name === name) {
      return `${replacing.by} and ${by} both ${taking} the step ${describeAnchor(anchor)} of ${handler} (${replacing.by} replaced it first)`;
    }
    return index;
  }
}
