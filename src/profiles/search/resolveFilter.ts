import type { ValidationError } from '../../faults/ValidationFault.js';
import type { FilterOperator, SearchFilter } from '../../requests/SearchFilter.js';
import { maxFilterDepth } from '../../requests/SearchFilter.js';
import { isWellFormedText, notWellFormedText } from '../../util/isWellFormedText.js';
import type { CompiledProperty, ProfileValue } from '../definitions/CompiledDefinition.js';
import type { PropertyType } from '../definitions/profileDefinitionSchema.js';
import type { ResolvedFilter } from './ProfileSearch.js';

/** A property a filter names, as the caller knows it: the stored property and the type of its values, or why it cannot be searched. */
export type FilterProperty<P extends Typed = CompiledProperty> = { readonly property: P; readonly valueType: PropertyType } | { readonly error: string };

/** What the checks need of a property: its stored type (`profile` for a reference). */
type Typed = Pick<CompiledProperty, 'type'>;

const ordered: readonly FilterOperator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'isNull'];
const operatorsOf: Record<PropertyType, readonly FilterOperator[]> = {
  string: [...ordered, 'startsWith', 'contains'],
  number: ordered,
  datetime: ordered,
  boolean: ['eq', 'ne', 'in', 'isNull'],
  profile: ['eq', 'ne', 'in', 'isNull'],
};

const kindOf: Record<PropertyType, string> = {
  string: 'text',
  number: 'a finite number',
  datetime: 'an ISO 8601 date-time',
  boolean: 'true or false',
  profile: 'a key',
};

/** One value as stored, or undefined when it is not of the type. */
function storedValue(type: PropertyType, value: unknown): ProfileValue | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' && isWellFormedText(value) ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'datetime': {
      const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date : undefined;
    }
    case 'profile':
      return undefined;
  }
}

interface Check<P extends Typed> {
  readonly resolve: (name: string) => FilterProperty<P>;
  readonly errors: ValidationError[];
}

type Values = { readonly values: ProfileValue[] } | { readonly field: 'op' | 'value'; readonly message: string };

/** The condition's stored values, or the problem with its operator or values. */
function conditionValues(type: PropertyType, valueType: PropertyType, node: { property: string; op: FilterOperator; value?: unknown }): Values {
  if (!operatorsOf[type].includes(node.op)) return { field: 'op', message: `${node.op} does not apply to ${node.property}, a ${type === 'profile' ? 'reference' : type} property` };
  if (node.op === 'isNull') {
    if (node.value !== undefined && typeof node.value !== 'boolean') return { field: 'value', message: 'must be true or false (or absent) for isNull' };
    return { values: [node.value !== false] };
  }
  const given: unknown = node.op === 'in' ? node.value : [node.value];
  if (!Array.isArray(given)) return { field: 'value', message: 'must be a list of values for in' };
  if (given.length === 0) return { field: 'value', message: 'in needs at least one value' };
  const values = given.map((v: unknown) => storedValue(valueType, v));
  if (values.every((v) => v !== undefined)) return { values };
  const badText = given.some((v: unknown) => typeof v === 'string' && !isWellFormedText(v));
  return { field: 'value', message: badText ? notWellFormedText : `must be ${kindOf[valueType]}${node.op === 'in' ? ', each' : ''}` };
}

function condition<P extends Typed>(check: Check<P>, node: { property: string; op: FilterOperator; value?: unknown }, path: string): ResolvedFilter<P> | undefined {
  const found = check.resolve(node.property);
  if ('error' in found) {
    check.errors.push({ property: `${path}.property`, errorMessage: found.error });
    return undefined;
  }
  const { property, valueType } = found;
  const checked = conditionValues(property.type === 'profile' ? 'profile' : valueType, valueType, node);
  if ('values' in checked) return { kind: 'condition', property, op: node.op, values: checked.values };
  check.errors.push({ property: `${path}.${checked.field}`, errorMessage: checked.message });
  return undefined;
}

function visit<P extends Typed>(check: Check<P>, node: SearchFilter, path: string, depth: number): ResolvedFilter<P> | undefined {
  if (depth > maxFilterDepth) {
    check.errors.push({ property: path, errorMessage: `nests deeper than ${maxFilterDepth} levels` });
    return undefined;
  }
  if ('not' in node) {
    const part = visit(check, node.not, `${path}.not`, depth + 1);
    return part && { kind: 'not', part };
  }
  if ('all' in node || 'any' in node) {
    const kind = 'all' in node ? 'all' : 'any';
    const list = 'all' in node ? node.all : node.any;
    if (list.length === 0) check.errors.push({ property: `${path}.${kind}`, errorMessage: 'needs at least one filter' });
    const parts = list.map((child, i) => visit(check, child, `${path}.${kind}[${i}]`, depth + 1));
    return parts.every((p) => p !== undefined) && parts.length ? { kind, parts } : undefined;
  }
  return condition(check, node, path);
}

/**
 * A filter checked and resolved: every property through `resolve` (the model's names, or the definition's), every
 * operator against the property's type, every value against it; each problem an error naming its path.
 */
export function resolveFilter<P extends Typed>(filter: SearchFilter, path: string, resolve: (name: string) => FilterProperty<P>): { filter?: ResolvedFilter<P>; errors: ValidationError[] } {
  const check: Check<P> = { resolve, errors: [] };
  const resolved = visit(check, filter, path, 1);
  return check.errors.length || !resolved ? { errors: check.errors } : { filter: resolved, errors: [] };
}
