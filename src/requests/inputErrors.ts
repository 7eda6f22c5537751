import { formatPath } from '../util/formatPath.js';
import type { ValidationError } from '../faults/ValidationFault.js';
import { notWellFormedText } from '../util/isWellFormedText.js';
import { CommerceOperation } from './CommerceOperation.js';
import { CommerceRelatedOperation } from './related/CommerceRelatedOperation.js';

/**
 * How deeply objects and arrays may nest in a request, counted in its JSON form from the outer
 * `{ "operations": [ … ] }` (level 1): room for relatedOperations nested 13 deep, and a bound, far below the stack's,
 * on every recursion that reads a request afterwards (zod's among them).
 */
export const maxRequestDepth = 32;

/** The level of an operation in its request's JSON form: the request, its `operations` array, the operation. */
export const operationLevel = 3;

/** The level of a request context: a property of the request, beside `operations`. */
export const requestContextLevel = 2;


/**
 * What no request may hold, whatever its model, found before anything else reads it: objects and arrays nested
 * deeper than maxRequestDepth, a `__proto__` key (JSON.parse keeps it as an own key, which a spread or zod then drops
 * or turns into a prototype), and text that is not well-formed Unicode, which each store would change its own way,
 * so that the store and the cache would disagree. `level` is the level of `value` in its request's JSON form.
 */
export function inputErrors(value: unknown, path: string, level: number): ValidationError[] {
  const errors: ValidationError[] = [];
  visit(value, level, { prefix: path, segments: [], errors });
  return errors;
}

/**
 * `String.prototype.isWellFormed` (ES2024; a V8 builtin since Node 20, far cheaper than a regular expression over
 * the text), typed here because the ES2022 library this package compiles against lacks it.
 */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** The walk's state: the path to the value visited is kept as segments, and written out only for an error. */
interface Walk {
  readonly prefix: string;
  readonly segments: (string | number)[];
  readonly errors: ValidationError[];
}

const pathOf = (walk: Walk): string => formatPath(walk.prefix, walk.segments);

/**
 * What a request's JSON form can hold: arrays, plain objects (of any realm) and the request objects. Anything else —
 * a Date, an app's own object in `requestContext.properties` — is the app's, passed on as it is.
 */
function isRequestData(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  const plain = prototype === null || Object.getPrototypeOf(prototype) === null;
  return plain || Array.isArray(value) || value instanceof CommerceOperation || value instanceof CommerceRelatedOperation;
}

function visit(value: unknown, level: number, walk: Walk): void {
  if (typeof value === 'string') {
    if (!isWellFormed(value)) walk.errors.push({ property: pathOf(walk), errorMessage: notWellFormedText });
    return;
  }
  if (typeof value !== 'object' || value === null || !isRequestData(value)) return;
  if (level > maxRequestDepth) {
    walk.errors.push({ property: pathOf(walk), errorMessage: `nests objects and arrays deeper than ${maxRequestDepth} levels` });
    return;
  }
  const isArray = Array.isArray(value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!isWellFormed(key)) {
      walk.errors.push({ property: pathOf(walk), errorMessage: `holds a property name that ${notWellFormedText}` });
      continue;
    }
    walk.segments.push(isArray ? Number(key) : key);
    if (key === '__proto__') walk.errors.push({ property: pathOf(walk), errorMessage: '__proto__ cannot be a property name' });
    else visit(record[key], level + 1, walk);
    walk.segments.pop();
  }
}
