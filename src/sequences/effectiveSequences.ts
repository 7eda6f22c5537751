import { join } from 'node:path';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { didYouMean } from '../util/closestNames.js';
import { patchSequences, type PatchContributor } from './patchSequences.js';
import { foldersIn, readPatchFiles, readSequenceFiles, type SequenceSource } from './readSequenceFiles.js';

/** The effective sequences of every channel, by channel (the default channel under `''`), then by handler. */
export type SequencesByChannel = ReadonlyMap<string, ReadonlyMap<string, SequenceSource>>;

/** The key of the default channel in a SequencesByChannel. */
export const defaultChannel = '';

/** A folder's patch files, each one contributor, in name order. */
async function patchFileContributors(root: string, dir: string, problems: ConfigurationProblem[]): Promise<PatchContributor[]> {
  const read = await readPatchFiles(root, dir);
  problems.push(...read.problems);
  const byFile = new Map<string, PatchContributor & { patches: PatchContributor['patches'][number][] }>();
  for (const patch of read.patches) {
    const contributor = byFile.get(patch.file) ?? { by: patch.by, file: patch.file, patches: [] };
    contributor.patches.push(patch);
    byFile.set(patch.file, contributor);
  }
  return [...byFile.values()];
}

/**
 * Every channel's effective sequences, in the documented order. The default channel: the package's or a module's
 * file, or the app's `sequences/<Handler>.json` in its place → the modules' patches, in the order the modules were
 * loaded → the app's `sequences/<Handler>.patch.json`. A declared channel starts from the default channel's effective
 * sequences; its own `sequences/<channel>/<Handler>.json` replaces one whole (the modules' patches then apply to it,
 * as to any whole file), and its `sequences/<channel>/<Handler>.patch.json` apply last. A folder under sequences/
 * that is no declared channel is a problem.
 */
export async function effectiveSequences(
  root: string,
  base: ReadonlyMap<string, SequenceSource>,
  moduleContributors: readonly PatchContributor[],
  channels: readonly string[],
): Promise<{ byChannel: Map<string, Map<string, SequenceSource>>; problems: ConfigurationProblem[] }> {
  const problems: ConfigurationProblem[] = [];
  const folder = join(root, 'sequences');
  const appPatches = await patchFileContributors(root, folder, problems);
  const defaults = patchSequences(base, [...moduleContributors, ...appPatches]);
  problems.push(...defaults.problems);
  const byChannel = new Map<string, Map<string, SequenceSource>>([[defaultChannel, defaults.sources]]);

  for (const name of await foldersIn(folder)) {
    if (channels.includes(name)) continue;
    const declared = channels.length ? `the declared channels: ${channels.join(', ')}` : 'no channel is declared';
    problems.push({
      file: `sequences/${name}/`,
      path: '',
      message: `is a folder for a channel that config/commerce.json → channels does not declare (${declared}).${didYouMean(name, channels)}`,
    });
  }
  for (const channel of channels) {
    const dir = join(folder, channel);
    const whole = await readSequenceFiles(root, [{ dir, origin: 'app', channel }]);
    problems.push(...whole.problems);
    // The modules' patches edit the channel's whole files as they edit the app's; a static patch for another handler is no concern here.
    const ownContributors = moduleContributors.map((c) => ({ ...c, patches: c.patches.filter((p) => whole.sources.has(p.handler)) }));
    const own = patchSequences(whole.sources, ownContributors);
    problems.push(...own.problems);
    const sources = new Map<string, SequenceSource>();
    for (const source of defaults.sources.values()) sources.set(source.handler, { ...source, channel });
    for (const source of own.sources.values()) sources.set(source.handler, source);
    const patched = patchSequences(sources, await patchFileContributors(root, dir, problems));
    problems.push(...patched.problems);
    byChannel.set(channel, patched.sources);
  }
  return { byChannel, problems };
}
