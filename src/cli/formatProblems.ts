import { CommerceFault, ConfigurationError, ValidationFault, type ConfigurationProblem } from '../index.js';

export function formatProblems(problems: readonly ConfigurationProblem[]): string {
  return problems.map((p) => ConfigurationError.line(p)).join('\n');
}

/** What an error says, never its stack; an error with no message of its own (an AggregateError) speaks through the errors it holds. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  if (error instanceof AggregateError && error.errors.length) return [...new Set(error.errors.map(messageOf))].join('; ');
  return (error as { code?: string }).code ?? error.name;
}

/** A fault or error as the CLI prints it: its name and message (and, for validation, each property); one line where it can be. */
export function formatFailure(error: unknown): string {
  if (error instanceof ConfigurationError) {
    const { problems } = error;
    return problems.length === 1 && problems[0] ? `ConfigurationError: ${ConfigurationError.line(problems[0])}` : `ConfigurationError: ${ConfigurationError.count(problems)}:\n${formatProblems(problems)}`;
  }
  if (error instanceof ValidationFault) {
    return [`ValidationFault: the request is not valid`, ...error.validationErrors.map((e) => `  ${e.property || '(request)'}: ${e.errorMessage}`)].join('\n');
  }
  if (error instanceof CommerceFault) return `${error.faultName}: ${error.message}`;
  return `Error: ${messageOf(error)}`;
}
