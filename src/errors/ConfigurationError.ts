export interface ConfigurationProblem {
  /** The file the problem is in, relative to the application root where it lies inside it. */
  readonly file: string;
  /** Where inside the file, as a dotted path (`components[2].name`); empty for the whole file. */
  readonly path: string;
  readonly message: string;
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
    const lines = problems.map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`);
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    return `Configuration has ${count}:\n${lines.join('\n')}`;
  }
}
