import { join } from 'node:path';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { didYouMean } from '../util/closestNames.js';
import { patchSequences, unknownHandlers, type PatchContributor } from './patchSequences.js';
import { foldersIn, readPatchFiles, readSequenceFiles, type SequenceSource } from './readSequenceFiles.js';

/** The effective sequences of every channel, by channel (the default channel under `''`), then by handler. */
export type SequencesByChannel = ReadonlyMap<string, ReadonlyMap<string, SequenceSource>>;

/** The key of the default channel in a SequencesByChannel. */
export const defaultChannel = '';

/** A folder's patch files, each one contributor, in name order. */
async function patchFileContributors(root: string, dir: string, problems: ConfigurationProblem[]): Promise<PatchContributor[]> {
  const read = await readPatchFiles(root, dir);
  problems.push(...read.problems);
  return read.files.map(({ handler, file, patches, transactionTimeoutSeconds }) => ({
    by: `patch ${file}`,
    file,
    patches,
    settings: transactionTimeoutSeconds === undefined ? [] : [{ handler, file, transactionTimeoutSeconds }],
  }));
}

/**
 * Every channel's effective sequences, in the documented order. The default channel: the package's or a module's
 * file, or the app's `sequences/<Handler>.json` in its place → the modules' patches, in the order the modules were
 * loaded → the app's `sequences/<Handler>.patch.json` → the patches of modules that apply last. A declared channel
 * is made the same way from the same files, with two differences: its own `sequences/<channel>/<Handler>.json` takes
 * the place of the whole file (the modules' patches apply to it, the app's default patch files do not), and its
 * `sequences/<channel>/<Handler>.patch.json` apply after the app's patch files, before the modules that apply last.
 * A folder under sequences/ that is no declared channel is a problem (unless the channels cannot be told).
 */
export async function effectiveSequences(
  root: string,
  base: ReadonlyMap<string, SequenceSource>,
  moduleContributors: readonly PatchContributor[],
  /** The declared channels; undefined when config/commerce.json could not be read (its own problems say why). */
  declared: readonly string[] | undefined,
): Promise<{ byChannel: Map<string, Map<string, SequenceSource>>; problems: ConfigurationProblem[] }> {
  const problems: ConfigurationProblem[] = [];
  const folder = join(root, 'sequences');
  const modules = moduleContributors.filter((c) => !c.last);
  const last = moduleContributors.filter((c) => c.last);
  const appPatches = await patchFileContributors(root, folder, problems);
  problems.push(...unknownHandlers([...modules, ...appPatches, ...last], base));
  const defaults = patchSequences(base, [...modules, ...appPatches, ...last]);
  problems.push(...defaults.problems);
  const byChannel = new Map<string, Map<string, SequenceSource>>([[defaultChannel, defaults.sources]]);
  // A channel's sequence made from the default's files repeats the default's problems: each is reported once.
  const reported = new Set(problems.map((p) => `${p.file}\0${p.path}`));

  const channels = declared ?? [];
  for (const name of declared ? await foldersIn(folder) : []) {
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
    const channelPatches = await patchFileContributors(root, dir, problems);
    const fromDefault = new Map([...base.values()].filter((s) => !whole.sources.has(s.handler)).map((s) => [s.handler, { ...s, channel }]));
    problems.push(...unknownHandlers(channelPatches, new Map([...fromDefault, ...whole.sources])));
    const own = patchSequences(whole.sources, [...modules, ...channelPatches, ...last]);
    const shared = patchSequences(fromDefault, [...modules, ...appPatches, ...channelPatches, ...last]);
    problems.push(...own.problems, ...shared.problems.filter((p) => !reported.has(`${p.file}\0${p.path}`)));
    byChannel.set(channel, new Map([...base.keys()].concat([...whole.sources.keys()]).map((handler) => [handler, (own.sources.get(handler) ?? shared.sources.get(handler)) as SequenceSource])));
  }
  return { byChannel, problems };
}
