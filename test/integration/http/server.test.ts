import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Fastify from 'fastify';
import { AuthorizationFault, commerceFastifyPlugin, ConfigurationError, createCommerceServer, type OperationContext, type RequestContext } from '../../../src/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { closeServers, rawExchange, serve, type Answer, type Serving } from '../../support/httpServer.js';
import { startFoundation, type Started } from '../../support/startFoundation.js';
import { sequenceFile } from '../../support/tempApp.js';

const secret = 'a-secret-of-at-least-thirty-two-characters!';
const jwt = { secret, issuer: 'https://issuer.example', audience: 'commerce' };
const key = new TextEncoder().encode(secret);

function token(claims: Record<string, unknown> = {}, options: { expiresIn?: string | number; audience?: string; issuer?: string; sign?: Uint8Array } = {}): Promise<string> {
  return new SignJWT({ roles: ['customer'], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-1')
    .setIssuer(options.issuer ?? jwt.issuer)
    .setAudience(options.audience ?? jwt.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.sign ?? key);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const create = (model: Record<string, unknown>) => ({ operation: 'CommerceCreate', modelName: 'UserProfile', model });
const queryByEmail = (email: string) => ({ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { model: { email } } });
const probe = { operation: 'CommerceQuery', modelName: 'Probe' };

/** No fault body carries a stack, SQL text or a value the client sent. */
function expectNothingLeaked(answer: Answer, values: readonly string[] = []): void {
  expect(answer.text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+/);
  expect(answer.text).not.toMatch(/\b(select|insert|update|delete)\b.*\b(from|into|set|where)\b/i);
  for (const value of values) expect(answer.text).not.toContain(value);
}

forEachDatabase((target) => {
  const seen: RequestContext[] = [];
  let gate: Promise<void> | undefined;
  const components = {
    Record: {
      execute(context: OperationContext) {
        seen.push(context.requestContext);
      },
    },
    Wait: { execute: () => gate },
    Explode: {
      execute() {
        throw new Error("select * from secrets where card = '4111111111111111'");
      },
    },
    // What the Authorization step throws.
    Deny: {
      execute() {
        throw new AuthorizationFault('No rule allows CommerceQuery of Denied for the roles given');
      },
    },
  };
  const files = {
    'sequences/CommerceQueryOperation_Probe.json': sequenceFile('Record'),
    'sequences/CommerceQueryOperation_Slow.json': sequenceFile('Record', 'Wait'),
    'sequences/CommerceQueryOperation_Boom.json': sequenceFile('Explode'),
    'sequences/CommerceQueryOperation_Denied.json': sequenceFile('Deny'),
  };
  let started: Started;

  beforeEach(() => {
    seen.length = 0;
    gate = undefined;
  });
  afterEach(closeServers);

  async function start(config: Record<string, unknown> = {}): Promise<Started> {
    started = await startFoundation(target, { files: { ...files, 'config/commerce.json': config }, components });
    return started;
  }

  describe('without authentication, on loopback', () => {
    let http: Serving;
    beforeEach(async () => {
      http = await serve(await start());
    });

    test('a Create answers 200 with the response JSON, and a Query through HTTP finds it', async () => {
      const created = await http.post('/v1/processRequest', { operations: [create({ email: 'ann@example.com', firstName: 'Ann' })] });
      expect(created.status).toBe(200);
      expect(created.headers.get('content-type')).toMatch(/^application\/json/);
      const entity = (created.body['operationResponses'] as { commerceEntity: Record<string, unknown> }[])[0]?.commerceEntity;
      expect(entity).toMatchObject({ modelName: 'UserProfile', email: 'ann@example.com', firstName: 'Ann' });
      const found = await http.post('/v1/processRequest', { operations: [queryByEmail('ann@example.com')] });
      expect(found.status).toBe(200);
      expect(found.body).toEqual({ operationResponses: [{ commerceEntities: [entity] }] });
    });

    test('a JSON null clears an optional value in an Update; on a key it answers 400 naming the property', async () => {
      await http.post('/v1/processRequest', { operations: [create({ email: 'ann@example.com', firstName: 'Ann', telephone: '555' })] });
      const update = (model: Record<string, unknown>) => ({ operation: 'CommerceUpdate', modelName: 'UserProfile', searchCriteria: { model: { email: 'ann@example.com' } }, model });
      const cleared = await http.post('/v1/processRequest', { operations: [update({ telephone: null })] });
      expect(cleared.status).toBe(200);
      const entity = (cleared.body['operationResponses'] as { commerceEntities: Record<string, unknown>[] }[])[0]?.commerceEntities[0];
      expect(entity).toMatchObject({ email: 'ann@example.com', firstName: 'Ann' });
      expect(entity).not.toHaveProperty('telephone');
      const refused = await http.post('/v1/processRequest', { operations: [update({ email: null })] });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('model.email');
    });

    test('x-request-id is passed to the operations as requestContext.requestId and echoed; a new one is made when absent or not a plain token', async () => {
      const given = await http.post('/v1/processRequest', { operations: [probe] }, { 'x-request-id': 'trace-42.a:b_c' });
      expect(given.headers.get('x-request-id')).toBe('trace-42.a:b_c');
      const made = await http.post('/v1/processRequest', { operations: [probe] });
      const madeId = made.headers.get('x-request-id') ?? '';
      expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
      const refused = await http.post('/v1/processRequest', { operations: [probe] }, { 'x-request-id': 'has spaces <script>' });
      expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(seen.map((context) => context.requestId)).toEqual(['trace-42.a:b_c', madeId, refused.headers.get('x-request-id')]);
    });

    test('the client\'s requestContext reaches the operations, less userId, roles and requestId, which it cannot set', async () => {
      const answer = await http.post('/v1/processRequest', {
        operations: [probe],
        requestContext: { userId: 'admin', roles: ['admin'], requestId: 'forged', userLocale: 'fr-FR', properties: { basket: 7 } },
      }, { 'x-request-id': 'real' });
      expect(answer.status).toBe(200);
      expect(seen).toEqual([{ userLocale: 'fr-FR', properties: { basket: 7 }, requestId: 'real' }]);
    });

    test('a fault in the second operation answers its status with the first operation\'s response, which stays done', async () => {
      const answer = await http.post('/v1/processRequest', { operations: [create({ email: 'bob@example.com' }), create({ email: 'bob@example.com' })] });
      expect(answer.status).toBe(409);
      expect(answer.body['fault']).toEqual({ faultName: 'ItemAlreadyExistsFault', message: expect.any(String) as string, operationIndex: 1 });
      const responses = answer.body['operationResponses'] as { commerceEntity: { email: string } }[];
      expect(responses).toHaveLength(1);
      expect(responses[0]?.commerceEntity.email).toBe('bob@example.com');
      const found = await http.post('/v1/processRequest', { operations: [queryByEmail('bob@example.com')] });
      expect((found.body['operationResponses'] as { commerceEntities: unknown[] }[])[0]?.commerceEntities).toHaveLength(1);
    });

    test.each([
      ['400 ValidationFault', { operations: [create({ email: 'x@example.com', shoeSize: 44 })] }, 400, 'ValidationFault'],
      ['400 for an empty request', { operations: [] }, 400, 'ValidationFault'],
      ['400 for a property beside operations', { operations: [probe], extra: 1 }, 400, 'ValidationFault'],
      ['400 for a request context of the wrong type', { operations: [probe], requestContext: 'me' }, 400, 'ValidationFault'],
      ['400 for a request that is no object', [probe], 400, 'ValidationFault'],
      ['404 ItemDoesNotExistFault', { operations: [{ operation: 'CommerceUpdate', modelName: 'UserProfile', searchCriteria: { model: { email: 'nobody@example.com' } }, model: { firstName: 'X' } }] }, 404, 'ItemDoesNotExistFault'],
      ['404 SequenceNotFoundFault', { operations: [{ operation: 'CommerceDelete', modelName: 'Basket' }] }, 404, 'SequenceNotFoundFault'],
    ])('%s', async (_title, body, status, faultName) => {
      const answer = await http.post('/v1/processRequest', body);
      expect(answer.status).toBe(status);
      expect((answer.body['fault'] as { faultName: string }).faultName).toBe(faultName);
      expect(answer.body['operationResponses']).toEqual([]);
      if (faultName === 'ValidationFault') expect((answer.body['fault'] as { validationErrors: unknown[] }).validationErrors.length).toBeGreaterThan(0);
      expectNothingLeaked(answer);
    });

    test('a component error answers 500 with the fault name and operation only: no stack, SQL or value', async () => {
      const answer = await http.post('/v1/processRequest', { operations: [probe, { operation: 'CommerceQuery', modelName: 'Boom' }] }, { 'x-request-id': 'boom-1' });
      expect(answer.status).toBe(500);
      expect(answer.body['fault']).toEqual({ faultName: 'ComponentFault', operationIndex: 1, message: expect.stringContaining('boom-1') as string });
      expect(answer.body['operationResponses']).toHaveLength(1);
      expectNothingLeaked(answer, ['4111', 'secrets', 'Explode failed']);
    });

    test('an AuthorizationFault answers 403 with its message, after the operations done before it', async () => {
      const answer = await http.post('/v1/processRequest', { operations: [probe, { operation: 'CommerceQuery', modelName: 'Denied' }] });
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({
        fault: { faultName: 'AuthorizationFault', message: 'No rule allows CommerceQuery of Denied for the roles given', operationIndex: 1 },
        operationResponses: [{ commerceEntities: [] }],
      });
    });

    test('malformed JSON answers 400 telling where it breaks, without quoting the text', async () => {
      const answer = await http.post('/v1/processRequest', '{"operations": [{"operation": "CommerceCreate", "model": {"email": "secret-value@example.com"} ');
      expect(answer.status).toBe(400);
      expect((answer.body['fault'] as { validationErrors: { errorMessage: string }[] }).validationErrors[0]?.errorMessage).toMatch(/^the body is not valid JSON: line 1, column \d+/);
      expectNothingLeaked(answer, ['secret-value']);
    });

    test('a body that is not JSON answers 415, and so does one without a content type', async () => {
      for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }]) {
        const answer = await http.post('/v1/processRequest', 'operations=1', headers);
        expect(answer.status).toBe(415);
        expect((answer.body['fault'] as { faultName: string }).faultName).toBe('UnsupportedMediaTypeFault');
      }
      const bare = await fetch(`${http.url}/v1/processRequest`, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
      expect(bare.status).toBe(415);
    });

    test('a body over the default limit of 1 MiB answers 413, and one under it is read', async () => {
      const padding = 'a'.repeat(1024 * 1024);
      const over = await http.post('/v1/processRequest', { operations: [create({ email: 'big@example.com', firstName: padding })] });
      expect(over.status).toBe(413);
      expect(over.body['fault']).toEqual({ faultName: 'PayloadTooLargeFault', message: expect.any(String) as string, operationIndex: -1 });
      expectNothingLeaked(over, ['aaaaaaaa']);
      const under = await http.post('/v1/processRequest', { operations: [create({ email: 'big@example.com', firstName: 'a'.repeat(1000 * 1000) })] });
      expect(under.status).toBe(400); // read, then refused by the model: firstName is longer than its definition allows
      expectNothingLeaked(under, ['aaaaaaaa']);
    });

    test.each([
      ["SQL in a value is stored as text", { email: "o'brien@example.com", firstName: "Robert'); DROP TABLE profiles;--" }],
      ['markup and template text are stored as text', { email: 'x@example.com', firstName: '<script>alert(1)</script>${process.env}' }],
    ])('injection through HTTP: %s', async (_title, model) => {
      const created = await http.post('/v1/processRequest', { operations: [create(model)] });
      expect(created.status).toBe(200);
      const found = await http.post('/v1/processRequest', { operations: [queryByEmail(model.email)] });
      expect((found.body['operationResponses'] as { commerceEntities: Record<string, unknown>[] }[])[0]?.commerceEntities[0]).toMatchObject(model);
    });

    test.each([
      ['a model name', { operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile; DROP TABLE x' }] }, 'operations[0].modelName'],
      ['a sort property', { operations: [{ operation: 'CommerceQuery', modelName: 'UserProfile', searchCriteria: { sortProperties: [{ property: 'email; DROP TABLE x', sortDirection: 'Ascending' }] } }] }, 'operations[0].searchCriteria.sortProperties[0].property'],
      ['a __proto__ key', JSON.parse('{"operations":[{"operation":"CommerceCreate","modelName":"UserProfile","model":{"__proto__":{"isAdmin":true}}}]}') as unknown, 'operations[0].model.__proto__'],
      ['an operation name', { operations: [{ operation: 'DropTable', modelName: 'UserProfile' }] }, 'operations[0].operation'],
    ])('injection through HTTP: %s is refused with 400 naming the property, not the value', async (_title, body, property) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const answer = await http.post('/v1/processRequest', text);
      expect(answer.status).toBe(400);
      expect((answer.body['fault'] as { validationErrors: { property: string }[] }).validationErrors.map((e) => e.property)).toContain(property);
      expectNothingLeaked(answer, ['DROP TABLE', 'isAdmin']);
    });

    test('an unknown route answers 404 with a fault body', async () => {
      const answer = await http.get('/v1/nothing');
      expect(answer.status).toBe(404);
      expect((answer.body['fault'] as { faultName: string }).faultName).toBe('RouteNotFoundFault');
    });

    test('/healthz and /readyz answer 200; /readyz 503 once the databases are gone', async () => {
      expect((await http.get('/healthz')).body).toEqual({ status: 'ok' });
      expect(await http.get('/readyz')).toMatchObject({ status: 200, body: { status: 'ready', databases: 'ok', farm: 'none' } });
      await started.foundation.close();
      expect(await http.get('/readyz')).toMatchObject({ status: 503, body: { status: 'unavailable', databases: 'failing' } });
      const closed = await http.post('/v1/processRequest', { operations: [probe] });
      expect(closed.status).toBe(503);
      expect((closed.body['fault'] as { faultName: string }).faultName).toBe('FoundationClosedFault');
    });

    test('CORS is off: no cross-origin header is sent', async () => {
      const response = await fetch(`${http.url}/healthz`, { headers: { origin: 'https://shop.example' } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${http.url}/v1/processRequest`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });

    test('close() lets a request in flight finish with 200 and answers 503 to what arrives meanwhile', async () => {
      let open: () => void = () => undefined;
      gate = new Promise((resolve) => (open = resolve));
      const inFlight = http.post('/v1/processRequest', { operations: [{ operation: 'CommerceQuery', modelName: 'Slow' }] });
      while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10)); // it waits in its sequence
      const closing = http.server.close();
      // While it drains, a request is answered 503 and told to close its connection; /readyz says unavailable.
      const meanwhile = await http.post('/v1/processRequest', { operations: [probe] });
      expect(meanwhile.status).toBe(503);
      expect(meanwhile.headers.get('connection')).toBe('close');
      expect((meanwhile.body['fault'] as { faultName: string }).faultName).toBe('ServiceUnavailableFault');
      expect((await http.get('/readyz')).status).toBe(503);
      open();
      expect((await inFlight).status).toBe(200);
      await closing;
      await expect(fetch(`${http.url}/healthz`)).rejects.toThrow();
    });

    test('a client that sends its request too slowly is cut off', async () => {
      const slow = await serve(started, { requestTimeoutMs: 500 });
      // Headers never finished
      const headers = await rawExchange(slow.url, ['POST /v1/processRequest HTTP/1.1\r\nHost: x\r\n'], 15000);
      expect(headers.closed).toBe(true);
      // A body that never comes
      const body = await rawExchange(slow.url, ['POST /v1/processRequest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"op'], 15000);
      expect(body.closed).toBe(true);
    });
  });

  describe('with bearer JSON Web Tokens', () => {
    let http: Serving;
    beforeEach(async () => {
      http = await serve(await start({ server: { auth: { jwt } } }));
    });

    test('a valid token\'s sub becomes requestContext.userId and its roles claim requestContext.roles; what the client writes there is ignored', async () => {
      const answer = await http.post('/v1/processRequest', { operations: [probe], requestContext: { userId: 'admin', roles: ['admin'] } }, { authorization: `Bearer ${await token()}` });
      expect(answer.status).toBe(200);
      expect(seen[0]).toMatchObject({ userId: 'user-1', roles: ['customer'] });
    });

    async function refused(authorization: string | undefined): Promise<Answer> {
      const answer = await http.post('/v1/processRequest', { operations: [probe] }, authorization === undefined ? {} : { authorization });
      expect(answer.status).toBe(401);
      expect((answer.body['fault'] as { faultName: string }).faultName).toBe('AuthenticationFault');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(seen).toEqual([]);
      return answer;
    }

    test('no token answers 401', async () => {
      await refused(undefined);
      await refused('Basic dXNlcjpwYXNz');
      await refused('Bearer ');
    });

    test('an expired token answers 401 saying so', async () => {
      const answer = await refused(`Bearer ${await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 120 })}`);
      expect((answer.body['fault'] as { message: string }).message).toMatch(/expired/);
    });

    test('a token that expired within the clock tolerance is still accepted', async () => {
      const answer = await http.post('/v1/processRequest', { operations: [probe] }, { authorization: `Bearer ${await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 5 })}` });
      expect(answer.status).toBe(200);
    });

    test('a token for another audience or from another issuer answers 401 naming the claim', async () => {
      expect(((await refused(`Bearer ${await token({}, { audience: 'billing' })}`)).body['fault'] as { message: string }).message).toMatch(/aud/);
      expect(((await refused(`Bearer ${await token({}, { issuer: 'https://evil.example' })}`)).body['fault'] as { message: string }).message).toMatch(/iss/);
    });

    test('a token signed with another key answers 401', async () => {
      const answer = await refused(`Bearer ${await token({}, { sign: new TextEncoder().encode('another-secret-of-thirty-two-characters!!') })}`);
      expect((answer.body['fault'] as { message: string }).message).toMatch(/signature/);
    });

    test('an unsigned token (alg: none) answers 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub: 'admin', roles: ['admin'], iss: jwt.issuer, aud: jwt.audience, iat: now, exp: now + 300 };
      await refused(`Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`);
      await refused(`Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}`);
    });

    test('a tampered payload answers 401', async () => {
      const [header, , signature] = (await token()).split('.');
      await refused(`Bearer ${header ?? ''}.${base64url({ sub: 'admin', roles: ['admin'], iss: jwt.issuer, aud: jwt.audience, exp: 9999999999 })}.${signature ?? ''}`);
    });

    test('refreshing the profile cache over HTTP needs the admin role', async () => {
      const customer = await http.post('/v1/refreshProfileCache', {}, { authorization: `Bearer ${await token()}` });
      expect(customer.status).toBe(403);
      expect((customer.body['fault'] as { faultName: string }).faultName).toBe('AuthorizationFault');
      const admin = await http.post('/v1/refreshProfileCache', {}, { authorization: `Bearer ${await token({ roles: ['admin'] })}` });
      expect(admin).toMatchObject({ status: 200, body: { refreshed: 'all' } });
      const half = await http.post('/v1/refreshProfileCache', { profileId: 'u1' }, { authorization: `Bearer ${await token({ roles: ['admin'] })}` });
      expect(half.status).toBe(400);
    });

    test('/healthz, /readyz and /openapi.json need no credentials', async () => {
      expect((await http.get('/healthz')).status).toBe(200);
      expect((await http.get('/readyz')).status).toBe(200);
      expect((await http.get('/openapi.json')).status).toBe(200);
    });
  });

  test('public-key tokens: an RS256 token verifies with the configured PEM key; an HS256 token signed with that PEM text does not', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const http = await serve(await start({ server: { auth: { jwt: { publicKey: pem, issuer: jwt.issuer, audience: jwt.audience, rolesClaim: 'realm_access.roles' } } } }));
    const signed = await new SignJWT({ realm_access: { roles: ['clerk', 'admin'] } }).setProtectedHeader({ alg: 'RS256' }).setSubject('u-rsa').setIssuer(jwt.issuer).setAudience(jwt.audience).setExpirationTime('5m').sign(privateKey);
    expect((await http.post('/v1/processRequest', { operations: [probe] }, { authorization: `Bearer ${signed}` })).status).toBe(200);
    expect(seen[0]).toMatchObject({ userId: 'u-rsa', roles: ['clerk', 'admin'] });
    const confused = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('admin').setIssuer(jwt.issuer).setAudience(jwt.audience).setExpirationTime('5m').sign(new TextEncoder().encode(pem));
    expect((await http.post('/v1/processRequest', { operations: [probe] }, { authorization: `Bearer ${confused}` })).status).toBe(401);
  });

  test('JWKS tokens: an ES256 token verifies with a key of the set, fetched once and cached; a key the set lacks answers 401', async () => {
    const signing = await generateKeyPair('ES256');
    const stranger = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    let fetches = 0;
    const jwks = createServer((_request, response) => {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    try {
      const address = jwks.address() as AddressInfo;
      const http = await serve(await start({ server: { auth: { jwt: { jwksUrl: `http://127.0.0.1:${String(address.port)}/jwks.json`, issuer: jwt.issuer, audience: jwt.audience } } } }));
      const sign = (kid: string, privateKey: typeof signing.privateKey) =>
        new SignJWT({ roles: 'clerk buyer' }).setProtectedHeader({ alg: 'ES256', kid }).setSubject('u-jwks').setIssuer(jwt.issuer).setAudience(jwt.audience).setExpirationTime('5m').sign(privateKey);
      for (let i = 0; i < 3; i++) expect((await http.post('/v1/processRequest', { operations: [probe] }, { authorization: `Bearer ${await sign('k1', signing.privateKey)}` })).status).toBe(200);
      expect(seen[0]).toMatchObject({ userId: 'u-jwks', roles: ['clerk', 'buyer'] });
      expect(fetches).toBe(1);
      const unknown = await http.post('/v1/processRequest', { operations: [probe] }, { authorization: `Bearer ${await sign('k2', stranger.privateKey)}` });
      expect(unknown.status).toBe(401);
      const forged = await http.post('/v1/processRequest', { operations: [probe] }, { authorization: `Bearer ${await sign('k1', stranger.privateKey)}` });
      expect(forged.status).toBe(401);
    } finally {
      await new Promise((resolve) => jwks.close(resolve));
    }
  });

  test('an app\'s own authenticator decides who calls; undefined answers 401', async () => {
    const http = await serve(await start(), {
      authenticate: (request) => (request.headers['x-session'] === 'good' ? { userId: 'session-user', roles: ['customer'] } : undefined),
    });
    expect((await http.post('/v1/processRequest', { operations: [probe] }, { 'x-session': 'bad' })).status).toBe(401);
    expect((await http.post('/v1/processRequest', { operations: [probe], requestContext: { userId: 'x' } }, { 'x-session': 'good' })).status).toBe(200);
    expect(seen).toEqual([expect.objectContaining({ userId: 'session-user', roles: ['customer'] })]);
  });

  test('commerceFastifyPlugin mounts the routes in an app\'s own Fastify, under its prefix, leaving the app\'s other routes as they were', async () => {
    await start();
    const app = Fastify();
    app.post('/own', (request) => ({ echoed: request.body }));
    await app.register(commerceFastifyPlugin, { foundation: started.foundation, authenticate: () => ({ userId: 'service' }), prefix: '/commerce' });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const processed = await fetch(`${url}/commerce/v1/processRequest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operations: [probe] }) });
      expect(processed.status).toBe(200);
      expect(seen[0]).toMatchObject({ userId: 'service' });
      const refused = await fetch(`${url}/commerce/v1/processRequest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
      expect(refused.status).toBe(415);
      // The app's own route keeps Fastify's parsers and error answers.
      const own = await fetch(`${url}/own`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'plain' });
      expect(await own.json()).toEqual({ echoed: 'plain' });
    } finally {
      await app.close();
    }
  });

  test('an authenticator that throws answers 500 InternalFault, telling nothing of the error', async () => {
    const http = await serve(await start(), {
      authenticate: () => {
        throw new Error('session store at redis://:hunter2@sessions:6379 refused');
      },
    });
    const answer = await http.post('/v1/processRequest', { operations: [probe] }, { 'x-request-id': 'r-500' });
    expect(answer.status).toBe(500);
    expect(answer.body['fault']).toEqual({ faultName: 'InternalFault', operationIndex: -1, message: expect.stringContaining('r-500') as string });
    expectNothingLeaked(answer, ['hunter2', 'session store', 'redis']);
  });

  test('CORS, when configured, allows the origins named and no other', async () => {
    const http = await serve(await start({ server: { cors: { origins: ['https://shop.example'] } } }));
    const allowed = await fetch(`${http.url}/v1/processRequest`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await fetch(`${http.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a body limit from config/commerce.json answers 413 above it', async () => {
    const http = await serve(await start({ server: { bodyLimitBytes: 2048 } }));
    expect((await http.post('/v1/processRequest', { operations: [create({ email: 'a@example.com', firstName: 'x'.repeat(3000) })] })).status).toBe(413);
    expect((await http.post('/v1/processRequest', { operations: [create({ email: 'a@example.com', firstName: 'x'.repeat(30) })] })).status).toBe(200);
  });

  test('without authentication the server refuses to start on a host that is not loopback', async () => {
    await start();
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'shop.example']) {
      expect(() => createCommerceServer(started.foundation, { host })).toThrow(ConfigurationError);
    }
    expect(() => createCommerceServer(started.foundation, { host: '0.0.0.0' })).toThrow(/server\.auth: is "none", which is allowed only on a loopback host/);
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(() => createCommerceServer(started.foundation, { host })).not.toThrow();
    expect(() => createCommerceServer(started.foundation, { host: '0.0.0.0', auth: { jwt: { ...jwt, rolesClaim: 'roles', clockToleranceSeconds: 30 } } })).not.toThrow();
  });
});
