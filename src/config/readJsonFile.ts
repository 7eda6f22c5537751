import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import { jsonSyntaxError } from '../util/jsonSyntaxError.js';
import { zodIssues } from '../util/zodIssues.js';

/** A file that is JSON but not of its schema keeps its `json`, so that what can be read of it is still checked. */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; problems: ConfigurationProblem[]; json?: unknown };

/** The schema's issues as problems of `file`; with the schema, an unknown property gets the nearest known ones. */
export function zodProblems(file: string, error: z.ZodError, prefix = '', schema?: z.core.$ZodType): ConfigurationProblem[] {
  return zodIssues(error, prefix, '', schema).map(({ path, message }) => ({ file, path, message }));
}

/** JSON text as a value, or where it breaks JSON, as problems of `file`. */
export function parseJson(text: string, file: string): { json: unknown } | { problems: ConfigurationProblem[] } {
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    const reason = jsonSyntaxError(text) ?? (error instanceof Error ? error.message : String(error));
    return { problems: [{ file, path: '', message: `is not valid JSON: ${reason}` }] };
  }
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
  const parsedJson = parseJson(text, displayName);
  if ('problems' in parsedJson) return { ok: false, problems: parsedJson.problems };
  const parsed = schema.safeParse(parsedJson.json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: zodProblems(displayName, parsed.error, '', schema), json: parsedJson.json };
}
