import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { CommerceFault } from '../faults/CommerceFault.js';
import { ValidationFault } from '../faults/ValidationFault.js';
import { ConfigurationError } from '../errors/ConfigurationError.js';

export function formatProblems(problems: readonly ConfigurationProblem[]): string {
  return problems.map((p) => ConfigurationError.line(p)).join('\n');
}

/** A fault or configuration error as the CLI prints it: its name and message (and, for validation, each property). */
export function formatFailure(error: unknown): string {
  if (error instanceof ConfigurationError) return `ConfigurationError:\n${formatProblems(error.problems)}`;
  if (error instanceof ValidationFault) {
    return [`ValidationFault: the request is not valid`, ...error.validationErrors.map((e) => `  ${e.property || '(request)'}: ${e.errorMessage}`)].join('\n');
  }
  if (error instanceof CommerceFault) return `${error.faultName}: ${error.message}`;
  return `Error: ${error instanceof Error ? error.message : String(error)}`;
}
