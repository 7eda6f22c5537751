import { SignJWT } from 'jose';
import { authorizationRules } from '../../support/authorizationRules.js';
import { forEachDatabase } from '../../support/databases.js';
import { closeServers, serve, type Serving } from '../../support/httpServer.js';
import { recordSpans } from '../../support/recordingSpans.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';

// OpenTelemetry as an app sets it up, spans kept in memory.
const exporter = recordSpans();

const secret = 'a-secret-of-at-least-thirty-two-characters!';
const jwt = { secret, issuer: 'https://issuer.example', audience: 'commerce' };

const bearer = async (sub: string, roles: string[]) => ({
  authorization: `Bearer ${await new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer(jwt.issuer).setAudience(jwt.audience).setExpirationTime('5m').sign(new TextEncoder().encode(secret))}`,
});

const queryById = (id: string) => ({ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: { id } } });
const updateById = (id: string, firstName: string) => ({ operation: 'CommerceUpdate', modelName: 'UserProfile', searchCriteria: { model: { id } }, model: { firstName } });

forEachDatabase((target) => {
  let started: Started;
  let http: Serving;

  beforeEach(async () => {
    started = await startFoundation(target, { files: { 'config/authorization.json': authorizationRules, 'config/commerce.json': { server: { auth: { jwt } } } } });
    http = await serve(started);
    const admin = await bearer('root', ['admin']);
    for (const id of ['u1', 'u2']) {
      const created = await http.post('/v1/processRequest', { operations: [{ operation: 'CommerceCreate', modelName: 'UserProfile', model: { id, email: `${id}@example.com` } }] }, admin);
      expect(created.status).toBe(200);
    }
    exporter.reset();
  });
  afterEach(closeServers);

  test("the Authorization step refuses over HTTP with 403 and the fault body, after the operations allowed before it, with the token's identity and never the client's", async () => {
    started.sql.reset();
    const answer = await http.post(
      '/v1/processRequest',
      { operations: [updateById('u1', 'Ann'), updateById('u2', 'Eve')], requestContext: { userId: 'u2', roles: ['admin'] } },
      await bearer('u1', ['customer']),
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      fault: { faultName: 'AuthorizationFault', operationIndex: 1 },
      operationResponses: [{ commerceEntities: [expect.objectContaining({ id: 'u1', firstName: 'Ann' }) as unknown] }],
    });
    expect(answer.text).not.toContain('Eve');
    const stored = await started.foundation.knex('user_object').whereIn('user_id', ['u1', 'u2']).orderBy('user_id').select<{ first_name: string | null }[]>('first_name');
    expect(stored.map((row) => row.first_name)).toEqual(['Ann', null]);
  });

  test('POST /v1/authorizeRequest answers per operation for the caller the token names, running nothing', async () => {
    started.sql.reset();
    const answer = await http.post('/v1/authorizeRequest', { operations: [queryById('u1'), queryById('u2'), updateById('u1', 'Ann')] }, await bearer('u1', ['customer']));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      allowed: false,
      operations: [
        { operationIndex: 0, operation: 'CommerceQuery', modelName: 'UserProfile', allowed: true, rule: 0 },
        { operationIndex: 1, operation: 'CommerceQuery', modelName: 'UserProfile', allowed: false },
        { operationIndex: 2, operation: 'CommerceUpdate', modelName: 'UserProfile', allowed: true, rule: 2 },
      ],
    });
    expect(started.sql.statements.filter((sql) => /^\s*(update|insert|delete)/i.test(sql))).toEqual([]);
    const stored = await started.foundation.knex('user_object').where('user_id', 'u1').first<{ first_name: string | null }>('first_name');
    expect(stored.first_name).toBeNull();
    const unauthenticated = await http.post('/v1/authorizeRequest', { operations: [queryById('u1')] });
    expect(unauthenticated.status).toBe(401);
    const invalid = await http.post('/v1/authorizeRequest', { operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: { colour: 'red' } } }] }, await bearer('u1', ['customer']));
    expect(invalid.status).toBe(400);
  });

  test("a request's spans continue the caller's W3C trace (traceparent): processRequest is a child of the caller's span", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const answer = await http.post('/v1/processRequest', { operations: [queryById('u1')] }, { ...(await bearer('u1', ['customer'])), traceparent: `00-${traceId}-${parentId}-01` });
    expect(answer.status).toBe(200);
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === 'processRequest');
    expect(request?.spanContext().traceId).toBe(traceId);
    expect(request?.parentSpanContext?.spanId).toBe(parentId);
    const operation = spans.find((span) => span.name === 'CommerceQueryOperation_UserProfile');
    expect(operation?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(spans.find((span) => span.name === 'Authorization')?.spanContext().traceId).toBe(traceId);
  });
});
