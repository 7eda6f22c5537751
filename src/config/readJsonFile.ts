import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { zodIssues } from './zodIssues.js';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; problems: ConfigurationProblem[] };

export function zodProblems(file: string, error: z.ZodError, prefix = ''): ConfigurationProblem[] {
  return zodIssues(error, prefix).map(({ path, message }) => ({ file, path, message }));
}

/** Reads, parses and validates one JSON file; every failure becomes a problem naming `displayName`. */
export async function readJsonFile<S extends z.ZodType>(
  path: string,
  displayName: string,
  schema: S,
): Promise<ReadResult<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file: displayName, path: '', message: `cannot be read: ${String(error)}` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file: displayName, path: '', message: `is not valid JSON: ${reason}` }] };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: zodProblems(displayName, parsed.error) };
}
