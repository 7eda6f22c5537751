import { formatPath } from '../util/formatPath.js';
import type { ValidationError } from '../faults/ValidationFault.js';
import { isWellFormedText, notWellFormedText } from '../util/isWellFormedText.js';
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
  visit(value, path, level, errors);
  return errors;
}

/**
 * What a request's JSON form can hold: arrays, plain objects (of any realm) and the request objects. Anything else —
 * a Date, an app's own object in `requestContext.properties` — is the app's, passed on as it is.
 */
function isRequestData(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  const plain = prototype === null || Object.getPrototypeOf(prototype) === null;
  return plain || Array.isArray(value) || value instanceof CommerceOperation || value instanceof CommerceRelatedOperation;
}

function visit(value: unknown, path: string, level: number, errors: ValidationError[]): void {
  if (typeof value === 'string') {
    if (!isWellFormedText(value)) errors.push({ property: path, errorMessage: notWellFormedText });
    return;
  }
  if (typeof value !== 'object' || value === null || !isRequestData(value)) return;
  if (level > maxRequestDepth) {
    errors.push({ property: path, errorMessage: `nests objects and arrays deeper than ${maxRequestDepth} levels` });
    return;
  }
  const isArray = Array.isArray(value);
  for (const [key, item] of Object.entries(value)) {
    if (!isWellFormedText(key)) {
      errors.push({ property: path, errorMessage: `holds a property name that ${notWellFormedText}` });
      continue;
    }
    const at = formatPath(path, [isArray ? Number(key) : key]);
    if (key === '__proto__') errors.push({ property: at, errorMessage: '__proto__ cannot be a property name' });
    else visit(item, at, level + 1, errors);
  }
}
