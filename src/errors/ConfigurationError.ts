export interface ConfigurationProblem {
  /** The file the problem is in, relative to the application root where it lies inside it. */
  readonly file: string;
  /** Where inside the file, as a dotted path (`components[2].name`); empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** The problems, each once (the same file, path and message), in their order: a channel's copy of a sequence repeats the default's. */
export function distinctProblems(problems: readonly ConfigurationProblem[]): ConfigurationProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.file}\0${problem.path}\0${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Start-up found problems in config files, sequence files or profile definitions; lists every one. */
export class ConfigurationError extends Error {
  readonly problems: readonly ConfigurationProblem[];

  constructor(problems: readonly ConfigurationProblem[], options?: { cause?: unknown }) {
    super(ConfigurationError.describe(problems), options);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }

  static describe(problems: readonly ConfigurationProblem[]): string {
    const lines = problems.map((p) => `  ${ConfigurationError.line(p)}`);
    return `Configuration has ${ConfigurationError.count(problems)}:\n${lines.join('\n')}`;
  }

  /** One problem as a line: `file at path: message`. */
  static line(problem: ConfigurationProblem): string {
    return `${problem.file}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}`;
  }

  /** `1 problem`, `3 problems`. */
  static count(problems: readonly ConfigurationProblem[]): string {
    return problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  }
}
