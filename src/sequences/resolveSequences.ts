import { zodProblems } from '../config/readJsonFile.js';
import { didYouMean } from '../util/closestNames.js';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import type { ComponentSource } from './ComponentSource.js';
import type { SequenceSource } from './readSequenceFiles.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { modelNameOfHandler } from './handlerName.js';
import type { ResolvedSequence, SequenceStep } from './ResolvedSequence.js';

const howToRegister =
  'A custom component is registered by name in the `components` option of createCommerceFoundation, or exported by the module that config/commerce.json → `components` names.';

function unknownComponent(name: string, catalog: ComponentSource): string {
  return `unknown component "${name}".${didYouMean(name, catalog.names())} Known components: ${catalog.names().join(', ')}. ${howToRegister}`;
}

function resolveStep(
  source: SequenceSource,
  index: number,
  catalog: ComponentSource,
  problems: ConfigurationProblem[],
): SequenceStep | undefined {
  const entry = source.definition.components[index];
  if (!entry) return undefined;
  const path = `components[${index}]`;
  if (!catalog.has(entry.name)) {
    problems.push({ file: source.file, path: `${path}.name`, message: unknownComponent(entry.name, catalog) });
    return undefined;
  }
  let component;
  try {
    component = catalog.resolve(entry.name);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({ file: source.file, path: `${path}.name`, message: `component ${entry.name} cannot be created: ${reason}` });
    return undefined;
  }
  const schema = catalog.configurationSchema(component);
  if (!schema) {
    if (entry.configuration === undefined) return checked(source, path, { name: entry.name, component, configuration: undefined }, problems);
    problems.push({ file: source.file, path: `${path}.configuration`, message: `${entry.name} takes no configuration: it declares no configurationSchema` });
    return undefined;
  }
  const parsed = schema.safeParse(entry.configuration);
  if (!parsed.success) {
    problems.push(...zodProblems(source.file, parsed.error, `${path}.configuration`, schema));
    return undefined;
  }
  return checked(source, path, { name: entry.name, component, configuration: parsed.data }, problems);
}

/** The step, once the component's own start-up check of it finds nothing wrong. */
function checked(source: SequenceSource, path: string, step: SequenceStep, problems: ConfigurationProblem[]): SequenceStep | undefined {
  const found = step.component.checkStep?.({ handler: source.handler, modelName: modelNameOfHandler(source.handler), configuration: step.configuration }) ?? [];
  for (const message of found) problems.push({ file: source.file, path: `${path}.configuration`, message });
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
    definition.components.forEach((entry, index) => {
      if (!entry.enabled) return;
      const step = resolveStep(source, index, catalog, problems);
      if (step) steps.push(step);
    });
    sequences.set(source.handler, Object.freeze({
      handler: source.handler,
      file: source.file,
      origin: source.origin,
      transactional: definition.transactional,
      isolationLevel: definition.isolationLevel,
      // Frozen as resolved: steps (their configurations whole), not the component instances they run.
      steps: Object.freeze(steps.map((step) => Object.freeze({ ...step, configuration: deepFreeze(step.configuration) }))),
      entries: deepFreeze(definition.components),
    }));
  }
  return { sequences, problems };
}
