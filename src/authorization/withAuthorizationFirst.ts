import { distinctProblems, type ConfigurationProblem } from '../errors/ConfigurationError.js';
import type { SequencesByChannel } from '../sequences/effectiveSequences.js';
import type { PatchContributor } from '../sequences/patchSequences.js';
import { authorizationStepName } from './AuthorizationStep.js';

const authorizationFile = 'config/authorization.json';

/**
 * The patch that puts the Authorization step first in every sequence of every channel — the shipped ones, the
 * modules' and the app's alike, so that an app that replaces a shipped file does not lose the check. It applies after
 * every other contributor (the app's and the channels' patch files included), so nothing can add a step before it. A
 * sequence that names the step itself keeps it where it put it (see authorizationDisabled).
 */
export const authorizationFirst: PatchContributor = {
  by: `authorization (${authorizationFile})`,
  file: authorizationFile,
  patches: [],
  last: true,
  patchesFor: ({ steps }) => (steps.includes(authorizationStepName) ? [] : [{ add: { name: authorizationStepName }, at: 'start' }]),
};

/**
 * A sequence may not disable the Authorization step while config/authorization.json exists: a handler open to
 * everyone is a rule with `roles: ["*"]`, which the file shows.
 */
export function authorizationDisabled(channels: SequencesByChannel): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  for (const sources of channels.values()) {
    for (const source of sources.values()) {
      source.entries.forEach((entry, index) => {
        if (entry.name !== authorizationStepName || entry.enabled) return;
        problems.push({
          file: source.file,
          path: `components[${String(index)}].enabled`,
          message: `the ${authorizationStepName} step cannot be disabled while ${authorizationFile} exists; give a rule with roles ["*"] instead`,
        });
      });
    }
  }
  // A channel's copy of a default sequence repeats the default's step: each is reported once.
  return distinctProblems(problems);
}
