import { zodProblems } from '../config/readJsonFile.js';
import { didYouMean } from '../util/closestNames.js';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import type { ComponentSource } from './ComponentSource.js';
import type { SequenceSource } from './readSequenceFiles.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { modelNameOfHandler } from './handlerName.js';
import type { ResolvedSequence, SequenceStep } from './ResolvedSequence.js';
import type { PlacedEntry } from './StepOrigin.js';

const howToRegister =
  'A custom component is registered by name in the `components` option of createCommerceFoundation, or exported by the module that config/commerce.json → `components` names.';

function unknownComponent(name: string, catalog: ComponentSource): string {
  return `unknown component "${name}".${didYouMean(name, catalog.names())} Known components: ${catalog.names().join(', ')}. ${howToRegister}`;
}

function resolveStep(
  source: SequenceSource,
  entry: PlacedEntry,
  catalog: ComponentSource,
  problems: ConfigurationProblem[],
): SequenceStep | undefined {
  const { file, path } = entry.origin;
  // Where the configuration came from: a patch's `configure`, else the entry itself.
  const configured = entry.configuredBy ?? entry.origin;
  const configurationAt = { file: configured.file, path: `${configured.path}.configuration` };
  const origin = entry.configuredBy ? `${entry.origin.by}; configured by ${entry.configuredBy.by}` : entry.origin.by;
  if (!catalog.has(entry.name)) {
    problems.push({ file, path: `${path}.name`, message: unknownComponent(entry.name, catalog) });
    return undefined;
  }
  let component;
  try {
    component = catalog.resolve(entry.name);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({ file, path: `${path}.name`, message: `component ${entry.name} cannot be created: ${reason}` });
    return undefined;
  }
  const schema = catalog.configurationSchema(component);
  if (!schema) {
    if (entry.configuration === undefined) return checked(source, configurationAt, { name: entry.name, component, configuration: undefined, origin }, problems);
    problems.push({ ...configurationAt, message: `${entry.name} takes no configuration: it declares no configurationSchema` });
    return undefined;
  }
  const parsed = schema.safeParse(entry.configuration);
  if (!parsed.success) {
    problems.push(...zodProblems(configurationAt.file, parsed.error, configurationAt.path, schema));
    return undefined;
  }
  return checked(source, configurationAt, { name: entry.name, component, configuration: parsed.data, origin }, problems);
}

/** The step, once the component's own start-up check of it finds nothing wrong. */
function checked(source: SequenceSource, at: { file: string; path: string }, step: SequenceStep, problems: ConfigurationProblem[]): SequenceStep | undefined {
  const found = step.component.checkStep?.({ handler: source.handler, modelName: modelNameOfHandler(source.handler), configuration: step.configuration }) ?? [];
  for (const message of found) problems.push({ ...at, message });
  return found.length ? undefined : step;
}

/** Binds every enabled step of every sequence to its component instance and checks its configuration. */
export function resolveSequences(
  sources: ReadonlyMap<string, SequenceSource>,
  catalog: ComponentSource,
): { sequences: Map<string, ResolvedSequence>; problems: ConfigurationProblem[] } {
  const sequences = new Map<string, ResolvedSequence>();
  const problems: ConfigurationProblem[] = [];
  for (const source of sources.values()) {
    const { definition } = source;
    const steps: SequenceStep[] = [];
    for (const entry of source.entries) {
      if (!entry.enabled) continue;
      const step = resolveStep(source, entry, catalog, problems);
      if (step) steps.push(step);
    }
    sequences.set(source.handler, Object.freeze({
      handler: source.handler,
      channel: source.channel,
      file: source.file,
      origin: source.origin,
      patchedBy: Object.freeze([...source.patchedBy]),
      transactional: definition.transactional,
      isolationLevel: definition.isolationLevel,
      transactionTimeoutSeconds: definition.transactionTimeoutSeconds,
      // Frozen as resolved: steps (their configurations whole), not the component instances they run.
      steps: Object.freeze(steps.map((step) => Object.freeze({ ...step, configuration: deepFreeze(step.configuration) }))),
      entries: deepFreeze(source.entries.map((entry) => ({ ...entry }))),
    }));
  }
  return { sequences, problems };
}
