import { z } from 'zod';
import { CommerceFault, ValidationFault, type CommerceOperationResponse, type ValidationError } from '../api.js';

/**
 * The HTTP status of each fault, by its name (so that faults of other modules, such as AuthorizationFault, need no
 * import here). Anything not named is a 500.
 */
export const faultStatuses: Readonly<Record<string, number>> = {
  ValidationFault: 400,
  AuthenticationFault: 401,
  AuthorizationFault: 403,
  ItemDoesNotExistFault: 404,
  SequenceNotFoundFault: 404,
  RouteNotFoundFault: 404,
  ItemAlreadyExistsFault: 409,
  PayloadTooLargeFault: 413,
  UnsupportedMediaTypeFault: 415,
  FoundationClosedFault: 503,
  ServiceUnavailableFault: 503,
};

/** A failure of the HTTP exchange itself (credentials, body, media type, shutting down): no operation ran. */
export class HttpFault extends Error {
  constructor(
    readonly faultName: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = faultName;
  }
}

export const validationErrorSchema = z.object({ property: z.string(), errorMessage: z.string() });

export const faultBodySchema = z
  .object({
    fault: z.object({
      faultName: z.string().describe('ValidationFault, AuthenticationFault, AuthorizationFault, ItemDoesNotExistFault, SequenceNotFoundFault, ItemAlreadyExistsFault, ComponentFault, …'),
      message: z.string().describe('What went wrong, naming properties, never their values.'),
      operationIndex: z.number().int().describe('The index of the failed operation in the request; -1 when no operation was reached.'),
      validationErrors: z.array(validationErrorSchema).optional(),
    }),
    operationResponses: z.array(z.record(z.string(), z.unknown())).describe('The responses of the operations completed before the failed one: they stay done.'),
  })
  .describe('The body of every answer that is not 200.');

export type FaultBody = z.infer<typeof faultBodySchema>;

export interface FaultAnswer {
  readonly status: number;
  readonly body: FaultBody;
  readonly headers: Readonly<Record<string, string>>;
}

/** Fastify's own errors for the request's form, by code. */
const frameworkFaults: Readonly<Record<string, readonly [faultName: string, message: string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['PayloadTooLargeFault', 'The request body is larger than the server accepts'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UnsupportedMediaTypeFault', 'The request body must be JSON, sent as Content-Type: application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['ValidationFault', 'The request body does not match its Content-Length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['ValidationFault', 'The request body is empty: send a request in its JSON form'],
};

function body(faultName: string, message: string, operationIndex: number, operationResponses: readonly CommerceOperationResponse[], validationErrors?: readonly ValidationError[]): FaultBody {
  const fault = { faultName, message, operationIndex, ...(validationErrors ? { validationErrors: [...validationErrors] } : {}) };
  return { fault, operationResponses: operationResponses as Record<string, unknown>[] };
}

/**
 * The answer for anything a request failed with. A 500 never carries the error's own text (it may hold SQL or a
 * value): only the fault's name, the operation, and the request id to find the server's log entry by.
 */
export function faultAnswer(error: unknown, requestId: string): FaultAnswer {
  if (error instanceof HttpFault) {
    return { status: faultStatuses[error.faultName] ?? 500, body: body(error.faultName, error.message, -1, []), headers: error.headers };
  }
  if (error instanceof CommerceFault) {
    const status = faultStatuses[error.faultName] ?? 500;
    const errors = error instanceof ValidationFault ? error.validationErrors : undefined;
    const message = status >= 500 && status !== 503 ? `The operation failed on the server (${error.faultName}); its log has the details under request id ${requestId}` : error.message;
    return { status, body: body(error.faultName, message, error.operationIndex, error.operationResponses, errors), headers: {} };
  }
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const known = frameworkFaults[code];
  if (known) {
    const [faultName, message] = known;
    const errors = faultName === 'ValidationFault' ? [{ property: '', errorMessage: message }] : undefined;
    return { status: faultStatuses[faultName] ?? 400, body: body(faultName, message, -1, [], errors), headers: {} };
  }
  const statusCode = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (statusCode >= 400 && statusCode < 500) {
    const message = 'The request is not of the form the service accepts';
    return { status: 400, body: body('ValidationFault', message, -1, [], [{ property: '', errorMessage: message }]), headers: {} };
  }
  return { status: 500, body: body('InternalFault', `The server failed to process the request; its log has the details under request id ${requestId}`, -1, []), headers: {} };
}
