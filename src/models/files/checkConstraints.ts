import type { ConfigurationProblem } from '../../errors/ConfigurationError.js';
import type { CompiledProperty } from '../../profiles/definitions/CompiledDefinition.js';
import type { ModelPropertyFile } from './modelFileSchema.js';

const forStrings = ['minLength', 'maxLength', 'pattern', 'format', 'sensitive'] as const;
const forNumbers = ['minimum', 'maximum', 'integer'] as const;

function valueFits(value: unknown, type: CompiledProperty['type']): boolean {
  if (type === 'string' || type === 'datetime') return typeof value === 'string';
  return typeof value === (type === 'profile' ? 'string' : type);
}

/** Constraints a property's type cannot take, or that contradict its profile property: each a problem at `at.<constraint>`. */
export function checkConstraints(spec: ModelPropertyFile, property: CompiledProperty, at: string, file: string, problems: ConfigurationProblem[]): void {
  const problem = (field: string, message: string) => problems.push({ file, path: `${at}.${field}`, message });
  if (property.type !== 'string') for (const c of forStrings) if (spec[c] !== undefined) problem(c, `applies to strings; ${property.name} is of type ${property.type}`);
  if (property.type !== 'number') for (const c of forNumbers) if (spec[c] !== undefined) problem(c, `applies to numbers; ${property.name} is of type ${property.type}`);
  const own = property.maxLength ?? 255;
  if (property.type === 'string' && spec.maxLength !== undefined && spec.maxLength > own) problem('maxLength', `is above ${property.name}'s own maxLength, ${own}`);
  if (spec.minLength !== undefined && spec.maxLength !== undefined && spec.minLength > spec.maxLength) problem('minLength', 'is above maxLength');
  if (spec.minimum !== undefined && spec.maximum !== undefined && spec.minimum > spec.maximum) problem('minimum', 'is above maximum');
  if (spec.pattern !== undefined) {
    try {
      new RegExp(spec.pattern);
    } catch {
      problem('pattern', 'is no regular expression');
    }
  }
  spec.enum?.forEach((value, i) => {
    if (!valueFits(value, property.type)) problem(`enum[${i}]`, `is no ${property.type}`);
  });
  if (spec.lastFourDigits !== undefined && spec.sensitive !== 'cardNumber') problem('lastFourDigits', 'goes with "sensitive": "cardNumber"');
  if (spec.sensitive === 'cardNumber' && spec.lastFourDigits === undefined) problem('sensitive', 'a card number needs "lastFourDigits": the property that keeps its last four digits');
}
