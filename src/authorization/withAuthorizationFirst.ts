import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import type { SequenceSource } from '../sequences/readSequenceFiles.js';
import { authorizationStepName } from './AuthorizationStep.js';

/**
 * Every sequence with the Authorization step first — the shipped ones, the modules' and the app's alike, so that an app
 * that replaces a shipped file does not lose the check. A file that names the step itself keeps it where it put it,
 * but may not disable it: a handler open to everyone is a rule with `roles: ["*"]`, which the file shows.
 * (Once sequence patches land, this becomes a patch that adds the step at the start of every handler.)
 */
export function withAuthorizationFirst(sources: ReadonlyMap<string, SequenceSource>): { sources: Map<string, SequenceSource>; problems: ConfigurationProblem[] } {
  const out = new Map<string, SequenceSource>();
  const problems: ConfigurationProblem[] = [];
  for (const [handler, source] of sources) {
    const { components } = source.definition;
    const index = components.findIndex((step) => step.name === authorizationStepName);
    if (components[index]?.enabled === false) {
      problems.push({ file: source.file, path: `components[${index}].enabled`, message: `the ${authorizationStepName} step cannot be disabled while config/authorization.json exists; give a rule with roles ["*"] instead` });
    }
    out.set(handler, index >= 0 ? source : { ...source, definition: { ...source.definition, components: [{ name: authorizationStepName, enabled: true }, ...components] } });
  }
  return { sources: out, problems };
}
