import type { z } from 'zod';
import { didYouMean } from '../util/closestNames.js';
import { formatPath } from './formatPath.js';
import { knownKeys } from './knownKeys.js';
import { flatMap } from './flatMap.js';

export interface IssueEntry {
  readonly path: string;
  readonly message: string;
}

type Issue = z.core.$ZodIssue;

/** A union branch that failed only because the value is not of its type at all: it says nothing about what went wrong. */
const wrongType = (branch: readonly Issue[]): boolean => branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;

/**
 * What a union's failure should say: when only one branch took the value's type (an object where the alternatives
 * are a URL string or an object), that branch's own issues, under the union's path, rather than zod's "Invalid
 * input"; when none did, the types the union takes.
 */
function unionFailure(issue: Extract<Issue, { code: 'invalid_union' }>): { readonly issues: Issue[] } | { readonly message: string } {
  const relevant = issue.errors.filter((branch) => !wrongType(branch));
  const [only] = relevant;
  if (relevant.length === 1 && only) return { issues: only.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })) };
  const expected = [...new Set(issue.errors.map((branch) => (branch[0] as { expected?: string } | undefined)?.expected))].filter((type) => type !== undefined);
  if (relevant.length > 0 || expected.length === 0) return { message: issue.message };
  const received = /received (\w+)/.exec(issue.errors[0]?.[0]?.message ?? '')?.[1];
  return { message: `expected ${expected.join(' or ')}${received ? `, received ${received}` : ''}` };
}

/**
 * Zod's issues as (path, message) pairs; an unknown key gets its own entry whose path names it, and, given the
 * schema that was checked, the nearest keys it knows there. A union's failure names what failed in the branch the
 * value was meant for (see unionFailure).
 */
export function zodIssues(error: z.ZodError, prefix = '', owner = '', schema?: z.core.$ZodType): IssueEntry[] {
  const entries = (issue: Issue): IssueEntry[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => {
          const hint = schema ? didYouMean(key, knownKeys(schema, issue.path)) : '';
          return { path: formatPath(prefix, [...issue.path, key]), message: `${owner ? `${owner} has no property ${key}` : `unknown property ${key}`}${hint && `.${hint}`}` };
        })
      : issue.code === 'invalid_key'
        ? // A record's key that breaks its pattern: its own message says what a key must be.
          [{ path: formatPath(prefix, [...issue.path]), message: issue.issues[0]?.message ?? issue.message }]
        : issue.code === 'invalid_union'
          ? unionEntries(issue)
          : [{ path: formatPath(prefix, issue.path), message: issue.message }];
  const unionEntries = (issue: Extract<Issue, { code: 'invalid_union' }>): IssueEntry[] => {
    const failure = unionFailure(issue);
    return 'issues' in failure ? flatMap(failure.issues, entries) : [{ path: formatPath(prefix, issue.path), message: failure.message }];
  };
  return flatMap(error.issues, entries);
}
