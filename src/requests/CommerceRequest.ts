import { ValidationFault } from '../faults/ValidationFault.js';
import { jsonSyntaxError } from '../util/jsonSyntaxError.js';
import { validationFaultFromZod } from '../faults/validationFaultFromZod.js';
import { buildOperation } from './buildOperation.js';
import type { CommerceOperation } from './CommerceOperation.js';
import { inputErrors } from './inputErrors.js';
import { requestJsonSchema } from './requestJsonSchema.js';

/**
 * Several operations sent at once; the response holds one operation response per operation, in order. `const` infers
 * the operations as a tuple, so that each response keeps its type without `as const` (`[create, del]` → a Create's
 * response, then a Delete's).
 */
export class CommerceRequest<const Ops extends readonly CommerceOperation<object>[] = CommerceOperation<object>[]> {
  constructor(readonly operations: Ops) {}

  toJSON(): { operations: Record<string, unknown>[] } {
    return { operations: this.operations.map((op) => op.toJSON()) };
  }

  /** Rebuilds a request from its JSON form (an object or its text); bad input → `ValidationFault`. */
  static fromJSON(json: unknown): CommerceRequest {
    let value = json;
    if (typeof json === 'string') {
      try {
        value = JSON.parse(json);
      } catch {
        // JSON.parse's message quotes the text around the fault, which may be a value: neither it nor the error goes
        // on; where the text breaks is told by line and column.
        const where = jsonSyntaxError(json);
        throw ValidationFault.of('', where ? `the text is not valid JSON: ${where}` : 'the text is not valid JSON');
      }
    }
    const unsafe = inputErrors(value, '', 1);
    if (unsafe.length) throw new ValidationFault(unsafe);
    const parsed = requestJsonSchema.safeParse(value);
    if (!parsed.success) throw validationFaultFromZod(parsed.error);
    return new CommerceRequest(parsed.data.operations.map(buildOperation));
  }
}
