import { z } from 'zod';
import { operationJsonSchema, relatedOperationJsonSchema, requestContextSchema, requestJsonSchema, searchFilterSchema } from '../api.js';
import { faultBodySchema, faultStatuses } from './httpFaults.js';

/** The body of POST /v1/processRequest: the request's JSON form with its request context beside the operations. */
export const processRequestBodySchema = requestJsonSchema.extend({
  requestContext: requestContextSchema
    .optional()
    .describe('userId and roles come from the caller\'s credentials: what the client writes there is ignored. requestId comes from the x-request-id header.'),
});

const operationResponseSchema = z
  .object({
    commerceEntities: z.array(z.record(z.string(), z.unknown())).optional(),
    commerceEntity: z.record(z.string(), z.unknown()).optional(),
    totalItemCount: z.number().int().optional(),
    count: z.number().int().optional(),
  })
  .describe('Query: commerceEntities (and totalItemCount); Create: commerceEntity; Update: commerceEntities; Delete: count and commerceEntities.');

const commerceResponseSchema = z.object({
  operationResponses: z.array(operationResponseSchema),
  trace: z.array(z.record(z.string(), z.unknown())).optional(),
});

const statusWords: Readonly<Record<number, string>> = {
  400: 'The request is not valid (ValidationFault): malformed JSON, a wrong shape, or values a model refuses',
  401: 'No credentials, or credentials that are not accepted (AuthenticationFault)',
  403: 'No authorization rule allows an operation (AuthorizationFault)',
  404: 'An item that does not exist (ItemDoesNotExistFault), or no sequence for an operation and model (SequenceNotFoundFault)',
  409: 'An item with that key exists already (ItemAlreadyExistsFault)',
  413: 'The body is over the server\'s limit (PayloadTooLargeFault)',
  415: 'The body is not JSON (UnsupportedMediaTypeFault)',
  500: 'The server failed (ComponentFault, InternalFault): no stack, SQL or value is told; the log has it under the request id',
  503: 'The server is shutting down (ServiceUnavailableFault)',
};

function faultResponses(statuses: readonly number[]) {
  return Object.fromEntries(statuses.map((status) => [String(status), { description: statusWords[status] ?? 'A fault', content: { 'application/json': { schema: { $ref: '#/components/schemas/FaultBody' } } } }]));
}

const requestIdHeader = {
  name: 'x-request-id',
  in: 'header',
  required: false,
  description: 'Becomes requestContext.requestId and is echoed back; a new one is made when absent or not 1–128 of A-Z a-z 0-9 . _ : -',
  schema: { type: 'string' },
};

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(processRequestBodySchema, { id: 'ProcessRequestBody' });
  registry.add(operationJsonSchema, { id: 'Operation' });
  registry.add(relatedOperationJsonSchema, { id: 'RelatedOperation' });
  registry.add(requestContextSchema, { id: 'RequestContext' });
  // Recursive (all/any/not hold filters): named, so that its $refs point at it rather than at a shared $defs.
  registry.add(searchFilterSchema, { id: 'SearchFilter' });
  registry.add(commerceResponseSchema, { id: 'CommerceResponse' });
  registry.add(faultBodySchema, { id: 'FaultBody' });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  // Each schema sits in the document: the document's own $schema (jsonSchemaDialect) and addresses apply.
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => {
    const { $schema: _dialect, $id: _id, ...rest } = schema as Record<string, unknown>;
    return [id, rest];
  }));
}

/** The OpenAPI 3.1 document of the service, from the same zod schemas that check its requests. */
export function openApiDocument(version: string): Record<string, unknown> {
  const faults = Object.keys(statusWords).map(Number);
  return {
    openapi: '3.1.0',
    info: { title: 'commerce-foundation', version, description: 'Commerce Foundation operation sequences over HTTP: POST a request in its JSON form.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      '/v1/processRequest': {
        post: {
          operationId: 'processRequest',
          summary: 'Runs every operation of a request in order, each in its own transaction',
          parameters: [requestIdHeader],
          security: [{ bearer: [] }, {}],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ProcessRequestBody' } } } },
          responses: {
            '200': { description: 'Every operation done: one response per operation, in order', content: { 'application/json': { schema: { $ref: '#/components/schemas/CommerceResponse' } } } },
            ...faultResponses(faults),
          },
        },
      },
      '/v1/authorizeRequest': {
        post: {
          operationId: 'authorizeRequest',
          summary: 'Answers, per operation, whether config/authorization.json would allow it for the caller, without running anything',
          parameters: [requestIdHeader],
          security: [{ bearer: [] }, {}],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ProcessRequestBody' } } } },
          responses: {
            '200': { description: 'The answer for every operation (allowed or not: a refusal is an answer, not a fault)', content: { 'application/json': { schema: { $ref: '#/components/schemas/AuthorizationResponse' } } } },
            ...faultResponses([400, 401, 413, 415, 500, 503]),
          },
        },
      },
      '/v1/refreshProfileCache': {
        post: {
          operationId: 'refreshProfileCache',
          summary: 'Refreshes one cached profile, or the whole cache, on every server of the web farm (needs the management role)',
          parameters: [requestIdHeader],
          security: [{ bearer: [] }, {}],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CacheRefresh' } } } },
          responses: {
            '200': { description: 'Refreshed', content: { 'application/json': { schema: { type: 'object', properties: { refreshed: { enum: ['one', 'all'] } }, required: ['refreshed'] } } } },
            ...faultResponses([400, 401, 403, 413, 415, 500, 503]),
          },
        },
      },
      '/openapi.json': { get: { operationId: 'openApi', summary: 'This document', responses: { '200': { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/healthz': { get: { operationId: 'health', summary: 'The process answers', responses: { '200': { description: 'Alive', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } } } } } } } } },
      '/readyz': {
        get: {
          operationId: 'ready',
          summary: 'The databases and the web farm answer',
          responses: {
            '200': { description: 'Ready', content: { 'application/json': { schema: { $ref: '#/components/schemas/Readiness' } } } },
            '503': { description: 'A database or the farm does not answer, or the server is shutting down', content: { 'application/json': { schema: { $ref: '#/components/schemas/Readiness' } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        ...componentSchemas(),
        CacheRefresh: { type: 'object', properties: { profileId: { type: 'string' }, profileType: { type: 'string' } }, additionalProperties: false, description: 'Both, for one profile; neither, for the whole cache.' },
        AuthorizationResponse: {
          type: 'object',
          properties: {
            allowed: { type: 'boolean', description: 'True when every operation would be allowed' },
            operations: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  operationIndex: { type: 'integer', minimum: 0 },
                  operation: { enum: ['CommerceCreate', 'CommerceQuery', 'CommerceUpdate', 'CommerceDelete'] },
                  modelName: { type: 'string' },
                  allowed: { type: 'boolean' },
                  rule: { type: 'integer', minimum: 0, description: 'The rule that allows it, or the first scoped rule that refused it: its index in rules' },
                  reason: { type: 'string', description: 'Why, naming models, properties and roles, never a value' },
                },
                required: ['operationIndex', 'operation', 'modelName', 'allowed', 'reason'],
              },
            },
          },
          required: ['allowed', 'operations'],
        },
        Readiness: { type: 'object', properties: { status: { enum: ['ready', 'unavailable'] }, databases: { enum: ['ok', 'failing'] }, farm: { enum: ['ok', 'failing', 'none'] } }, required: ['status'] },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    'x-fault-statuses': faultStatuses,
  };
}
