import { join } from 'node:path';
import type { ContainerModule } from 'inversify';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { readModelFiles } from '../models/files/readModelFiles.js';
import type { ModelSource } from '../models/files/ModelSource.js';
import type { LoadedModule } from '../modules/commerceModuleSchema.js';
import type { DefinitionSource } from '../profiles/definitions/checkDefinitions.js';
import { readProfileDefinitions } from '../profiles/definitions/readProfileDefinitions.js';
import { readPatchFiles, readSequenceFiles, type SequenceSource } from '../sequences/readSequenceFiles.js';
import { placedEntries } from '../sequences/StepOrigin.js';
import type { SequenceComponentRegistration } from '../sequences/SequenceComponent.js';
import type { PatchContributor } from '../sequences/patchSequences.js';
import { flatMap } from '../util/flatMap.js';

/** A component with the module that gives it. */
export interface ComponentEntry {
  readonly name: string;
  readonly registration: SequenceComponentRegistration;
  /** `module <name>`, or where the app gave it. */
  readonly origin: string;
}

/** What the modules add, in load order, with every name two of them give reported. */
export interface ModuleContributions {
  readonly definitions: DefinitionSource[];
  readonly models: ModelSource[];
  readonly sequences: Map<string, SequenceSource>;
  readonly components: ComponentEntry[];
  readonly containerModules: ContainerModule[];
  /** Each module's sequence patches, in load order. */
  readonly patchContributors: PatchContributor[];
  readonly problems: ConfigurationProblem[];
}

/** Adds `name` from `origin` unless an earlier module gave it: then a problem naming both. */
function claim(owners: Map<string, string>, kind: string, name: string, origin: string, where: { file: string; path: string }, problems: ConfigurationProblem[]): boolean {
  const first = owners.get(name);
  if (first === undefined) {
    owners.set(name, origin);
    return true;
  }
  problems.push({ ...where, message: `${first} and ${origin} both give the ${kind} ${name}; rename one of them` });
  return false;
}

async function fromFolder(root: string, module: LoadedModule, label: string) {
  if (!module.folder) return { definitions: [], models: [], sequences: new Map<string, SequenceSource>(), patches: [], settings: [], problems: [] };
  const origin = `module ${module.name}` as const;
  const definitions = await readProfileDefinitions(root, [join(module.folder, 'config/profiles')]);
  const models = await readModelFiles(root, join(module.folder, 'config/models'), module.name);
  const sequences = await readSequenceFiles(root, [{ dir: join(module.folder, 'sequences'), origin, label }]);
  // Its folder's patch files are the module's patches, shown as its own.
  const patches = await readPatchFiles(root, join(module.folder, 'sequences'));
  return {
    definitions: definitions.sources,
    models: models.sources,
    sequences: sequences.sources,
    patches: flatMap(patches.files, (read) => read.patches).map((patch) => ({ ...patch, by: label })),
    settings: flatMap(patches.files, ({ handler, file, transactionTimeoutSeconds }) => (transactionTimeoutSeconds === undefined ? [] : [{ handler, file, transactionTimeoutSeconds }])),
    problems: [...definitions.problems, ...models.problems, ...sequences.problems, ...patches.problems],
  };
}

/**
 * The module's patches: its folder's patch files, then `sequencePatches` — a list, each naming its handler, or a
 * function answering them for each sequence.
 */
function patchContributor(module: LoadedModule, by: string, file: string, folder: Pick<PatchContributor, 'patches' | 'settings'>): PatchContributor | undefined {
  const given = module.sequencePatches;
  if (given === undefined && folder.patches.length === 0 && !folder.settings?.length) return undefined;
  const last = module.sequencePatchesLast === true;
  if (typeof given === 'function') return { by, file, patches: folder.patches, settings: folder.settings, patchesFor: given, last };
  const listed = (given ?? []).map(({ handler, ...patch }, i) => ({ handler, patch, by, file, path: `sequencePatches[${String(i)}]` }));
  return { by, file, last, settings: folder.settings, patches: [...folder.patches, ...listed] };
}

/**
 * Reads what every module gives — its folder's files and what it declares in code — in the order they were loaded.
 * The steps of a module in `shipped` (the package's own) are shown as the package's.
 */
export async function moduleContributions(root: string, modules: readonly LoadedModule[], shipped: ReadonlySet<string> = new Set()): Promise<ModuleContributions> {
  const out: ModuleContributions = { definitions: [], models: [], sequences: new Map(), components: [], containerModules: [], patchContributors: [], problems: [] };
  const owners = { definition: new Map<string, string>(), sequence: new Map<string, string>(), component: new Map<string, string>() };
  for (const module of modules) {
    const origin = `module ${module.name}` as const;
    const label = `module ${module.name}`;
    const by = shipped.has(module.name) ? `package (${label})` : label;
    const folder = await fromFolder(root, module, by);
    out.problems.push(...folder.problems);
    const definitions = [...folder.definitions, ...(module.profileDefinitions ?? []).map((definition, i) => ({ file: `${label}: profileDefinitions[${i}]`, definition }))];
    for (const source of definitions) {
      if (claim(owners.definition, 'profile definition', source.definition.name, origin, { file: source.file, path: 'name' }, out.problems)) out.definitions.push(source);
    }
    out.models.push(...folder.models, ...(module.models ?? []).map((model, i) => ({ file: `${label}: models[${i}]`, module: module.name, model })));
    const inline = Object.entries(module.sequences ?? {}).map(([handler, definition]): SequenceSource => ({ handler, file: `${label}: sequences.${handler}`, origin, definition, valid: true, entries: placedEntries(definition.components, { by, file: `${label}: sequences.${handler}` }), patchedBy: [] }));
    for (const source of [...folder.sequences.values(), ...inline]) {
      if (claim(owners.sequence, 'sequence', source.handler, origin, { file: source.file, path: '' }, out.problems)) out.sequences.set(source.handler, source);
    }
    for (const [name, registration] of Object.entries(module.components ?? {})) {
      if (claim(owners.component, 'component', name, origin, { file: label, path: `components.${name}` }, out.problems)) out.components.push({ name, registration, origin });
    }
    if (module.containerModule) out.containerModules.push(module.containerModule);
    const patches = patchContributor(module, by, label, folder);
    if (patches) out.patchContributors.push(patches);
  }
  return out;
}
