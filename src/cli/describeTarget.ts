import { ConfigurationError, databaseChoiceOf, databaseLabel } from '../index.js';

function describeDatabase(root: string): string {
  try {
    const { config, source } = databaseChoiceOf(root);
    return `${databaseLabel(config)}  (${source === 'default' ? 'the default' : `from ${source}`})`;
  } catch (error) {
    if (error instanceof ConfigurationError) return `not known: ${error.problems.map((p) => `${p.file} ${p.message}`).join('; ')}`;
    throw error;
  }
}

/** The root and the database a command works on, chosen as start-up chooses them, without connecting: for --help. */
export function describeTarget(root: string): string {
  return `\nRoot:      ${root}\nDatabase:  ${describeDatabase(root)}`;
}
