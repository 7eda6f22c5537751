import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { CommerceCreate } from '../requests/CommerceCreate.js';
import type { CommerceDelete } from '../requests/CommerceDelete.js';
import type { CommerceQuery } from '../requests/CommerceQuery.js';
import type { CommerceUpdate } from '../requests/CommerceUpdate.js';
import type {
  CommerceCreateOperationResponse,
  CommerceDeleteOperationResponse,
  CommerceOperationResponse,
  CommerceQueryOperationResponse,
  CommerceUpdateOperationResponse,
} from './OperationResponses.js';
import type { TraceEntry } from './TraceEntry.js';

/** The response type that answers an operation type. */
export type OperationResponseOf<O> =
  O extends CommerceQuery<infer T>
    ? CommerceQueryOperationResponse<T>
    : O extends CommerceCreate<infer T>
      ? CommerceCreateOperationResponse<T>
      : O extends CommerceUpdate<infer T>
        ? CommerceUpdateOperationResponse<T>
        : O extends CommerceDelete<infer T>
          ? CommerceDeleteOperationResponse<T>
          : CommerceOperationResponse;

export type OperationResponsesOf<Ops extends readonly CommerceOperation<object>[]> = {
  -readonly [K in keyof Ops]: OperationResponseOf<Ops[K]>;
};

export interface CommerceResponse<R extends readonly unknown[] = CommerceOperationResponse[]> {
  /** One response per operation, in request order. */
  operationResponses: R;
  /** One entry per component run, when `requestContext.trace` asked for it. */
  trace?: TraceEntry[];
}
