import { ValidationFault } from '../faults/ValidationFault.js';
import { validationFaultFromZod } from '../faults/validationFaultFromZod.js';
import { buildOperation } from './buildOperation.js';
import type { CommerceOperation } from './CommerceOperation.js';
import { requestJsonSchema } from './requestJsonSchema.js';

/** Several operations sent at once; the response holds one operation response per operation, in order. */
export class CommerceRequest<Ops extends readonly CommerceOperation<any>[] = CommerceOperation<any>[]> {
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
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ValidationFault([{ property: '', errorMessage: `not valid JSON: ${reason}` }], { cause: error });
      }
    }
    const parsed = requestJsonSchema.safeParse(value);
    if (!parsed.success) throw validationFaultFromZod(parsed.error);
    return new CommerceRequest(parsed.data.operations.map(buildOperation));
  }
}
