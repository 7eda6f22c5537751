import type { z } from 'zod';
import { formatPath } from './formatPath.js';

export interface IssueEntry {
  readonly path: string;
  readonly message: string;
}

/** Zod's issues as (path, message) pairs; an unknown key gets its own entry whose path names it. */
export function zodIssues(error: z.ZodError, prefix = '', owner = ''): IssueEntry[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: formatPath(prefix, [...issue.path, key]),
          message: owner ? `${owner} has no property ${key}` : `unknown property ${key}`,
        }))
      : [{ path: formatPath(prefix, issue.path), message: issue.message }],
  );
}
