import { Validator } from '@seriousme/openapi-schema-validator';
import { faultStatuses, openApiDocument } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { closeServers, serve } from '../../support/httpServer.js';
import { startFoundation } from '../../support/startFoundation.js';

type Json = Record<string, unknown>;

forEachDatabase((target) => {
  afterEach(closeServers);

  test('GET /openapi.json serves an OpenAPI 3.1 document that an OpenAPI validator accepts', async () => {
    const http = await serve(await startFoundation(target));
    const answer = await http.get('/openapi.json');
    expect(answer.status).toBe(200);
    const result = await new Validator().validate(answer.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(answer.body['openapi']).toBe('3.1.0');
  });
});

describe('the OpenAPI document', () => {
  const document = openApiDocument('1.2.3');
  const schemas = (document['components'] as { schemas: Record<string, Json> }).schemas;
  const post = ((document['paths'] as Record<string, Json>)['/v1/processRequest'] as { post: Json }).post;

  test('describes every fault status with the fault body, and the request body from the request JSON form\'s zod schemas', () => {
    const responses = post['responses'] as Record<string, { content: { 'application/json': { schema: { $ref: string } } } }>;
    for (const status of new Set(Object.values(faultStatuses))) {
      expect(responses[String(status)]?.content['application/json'].schema.$ref).toBe('#/components/schemas/FaultBody');
    }
    expect(responses['500']?.content['application/json'].schema.$ref).toBe('#/components/schemas/FaultBody');
    const body = schemas['ProcessRequestBody'] as { properties: Record<string, Json>; required: string[]; additionalProperties: boolean };
    expect(Object.keys(body.properties).sort()).toEqual(['operations', 'requestContext']);
    expect(body.required).toEqual(['operations']);
    expect(body.additionalProperties).toBe(false);
    expect(JSON.stringify(schemas['Operation'])).toContain('"CommerceDelete"');
    expect(Object.keys((schemas['RequestContext'] as { properties: Json }).properties)).toEqual(expect.arrayContaining(['userId', 'roles', 'requestId', 'channel', 'trace']));
    const fault = (schemas['FaultBody'] as { properties: { fault: { properties: Json } } }).properties.fault.properties;
    expect(Object.keys(fault).sort()).toEqual(['faultName', 'message', 'operationIndex', 'validationErrors']);
  });

  test("a search's filter is described: the operators, and all/any/not holding filters in turn", () => {
    expect(JSON.stringify(schemas['Operation'])).toContain('"filter":{"$ref":"#/components/schemas/SearchFilter"}');
    const filter = JSON.stringify(schemas['SearchFilter']);
    for (const op of ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'startsWith', 'contains', 'isNull']) expect(filter).toContain(`"${op}"`);
    for (const combinator of ['all', 'any', 'not']) expect(filter).toContain(`"${combinator}":`);
    expect(filter).toContain('"$ref":"#/components/schemas/SearchFilter"');
  });

  test('every $ref names a schema the document holds', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(schemas[ref.split('/').pop() ?? '']).toBeDefined();
    }
  });
});
