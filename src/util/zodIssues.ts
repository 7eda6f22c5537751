import type { z } from 'zod';
import { didYouMean } from '../util/closestNames.js';
import { formatPath } from './formatPath.js';
import { knownKeys } from './knownKeys.js';
import { flatMap } from './flatMap.js';

export interface IssueEntry {
  readonly path: string;
  readonly message: string;
}

/**
 * Zod's issues as (path, message) pairs; an unknown key gets its own entry whose path names it, and, given the
 * schema that was checked, the nearest keys it knows there.
 */
export function zodIssues(error: z.ZodError, prefix = '', owner = '', schema?: z.core.$ZodType): IssueEntry[] {
  return flatMap(error.issues, (issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => {
          const hint = schema ? didYouMean(key, knownKeys(schema, issue.path)) : '';
          return { path: formatPath(prefix, [...issue.path, key]), message: `${owner ? `${owner} has no property ${key}` : `unknown property ${key}`}${hint && `.${hint}`}` };
        })
      : issue.code === 'invalid_key'
        ? // A record's key that breaks its pattern: its own message says what a key must be.
          [{ path: formatPath(prefix, [...issue.path]), message: issue.issues[0]?.message ?? issue.message }]
        : [{ path: formatPath(prefix, issue.path), message: issue.message }],
  );
}
