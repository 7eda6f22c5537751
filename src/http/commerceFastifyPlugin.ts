import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommerceRequest, jsonSyntaxError, runWithTraceContext, ValidationFault, type CommerceFoundation, type RequestContext } from '../api.js';
import type { Authenticator, Identity } from './authentication.js';
import { faultAnswer, HttpFault } from './httpFaults.js';
import { openApiDocument } from './openApiDocument.js';

export interface CommerceFastifyPluginOptions {
  readonly foundation: CommerceFoundation;
  /** Who sent a request; see createCommerceServer for the configured ones. */
  readonly authenticate: Authenticator;
  /** The largest body of a request, in bytes; default 1 MiB. */
  readonly bodyLimit?: number;
  /** Whether no credentials are asked for (the loopback-only "none"): then anyone may refresh the cache. */
  readonly unauthenticated?: boolean;
  /** The role that may refresh the profile cache (POST /v1/refreshProfileCache); default "admin". */
  readonly managementRole?: string;
  /** The version the OpenAPI document states. */
  readonly version?: string;
  /** Whether the server is shutting down (then every request is answered 503); Fastify's close() sets it too. */
  readonly draining?: () => boolean;
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the client's x-request-id when it is a plain token, otherwise a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && requestIdPattern.test(header) ? header : randomUUID();
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The request context the operations run with: the client's, less what only the server decides — userId and roles
 * from the credentials, requestId from the header.
 */
function requestContextFor(sent: unknown, identity: Identity, requestId: string): RequestContext {
  if (sent !== undefined && !isPlainObject(sent)) throw ValidationFault.of('requestContext', 'must be an object');
  const { userId: _userId, roles: _roles, requestId: _requestId, ...client } = sent ?? {};
  return {
    ...(client as RequestContext),
    requestId,
    ...(identity.userId === undefined ? {} : { userId: identity.userId }),
    ...(identity.roles === undefined ? {} : { roles: [...identity.roles] }),
  };
}

/** A request's JSON form and its context, the server's part of it (identity, request id) put in. */
function requestOf(body: unknown, identity: Identity, requestId: string): { request: CommerceRequest; context: RequestContext } {
  if (!isPlainObject(body)) throw ValidationFault.of('', 'must be a request in its JSON form: an object with operations');
  const { requestContext, ...request } = body;
  return { request: CommerceRequest.fromJSON(request), context: requestContextFor(requestContext, identity, requestId) };
}

/**
 * Runs a request's JSON form through the foundation: the one place where an HTTP request becomes processRequest, under
 * the caller's W3C trace context (traceparent) when OpenTelemetry is there, so that its spans continue the caller's trace.
 */
function processRequest(foundation: CommerceFoundation, request: FastifyRequest, identity: Identity): Promise<unknown> {
  const { request: commerceRequest, context } = requestOf(request.body, identity, request.id);
  return runWithTraceContext(request.headers, () => foundation.processRequest(commerceRequest, context));
}

async function readiness(foundation: CommerceFoundation): Promise<{ databases: 'ok' | 'failing'; farm: 'ok' | 'failing' | 'none' }> {
  const databases = await Promise.all(foundation.profilesSystem.partitions.databases().map((knex) => knex.raw('select 1'))).then(
    () => 'ok' as const,
    () => 'failing' as const,
  );
  const { bus } = foundation.profilesSystem;
  const farm = bus.ping ? await bus.ping().then(() => 'ok' as const, () => 'failing' as const) : ('none' as const);
  return { databases, farm };
}

/**
 * The routes of the HTTP service, for an app's own Fastify (`app.register(commerceFastifyPlugin, { foundation,
 * authenticate })`): POST /v1/processRequest, POST /v1/authorizeRequest, POST /v1/refreshProfileCache, GET /openapi.json, /healthz, /readyz.
 * Its JSON parser, error handler and hooks apply to these routes only.
 */
export function commerceFastifyPlugin(fastify: FastifyInstance, options: CommerceFastifyPluginOptions): Promise<void> {
  const { foundation, authenticate } = options;
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const identities = new WeakMap<FastifyRequest, Identity>();
  let closing = false;
  let document: Record<string, unknown> | undefined;

  fastify.addHook('preClose', () => {
    closing = true;
  });
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing || options.draining?.()) throw new HttpFault('ServiceUnavailableFault', 'The server is shutting down: send the request to another server of the farm, or again later', { connection: 'close', 'retry-after': '1' });
  });

  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, text, done) => {
    try {
      done(null, JSON.parse(text as string));
    } catch {
      // JSON.parse's message quotes the text around the fault: only where it breaks is told.
      const where = jsonSyntaxError(text as string);
      done(ValidationFault.of('', where ? `the body is not valid JSON: ${where}` : 'the body is not valid JSON'), undefined);
    }
  });

  fastify.setErrorHandler((error, request, reply) => {
    const answer = faultAnswer(error, request.id);
    if (answer.status >= 500 && answer.status !== 503) {
      const cause = error instanceof Error ? error.message : String(error);
      request.log.error({ reqId: request.id, faultName: answer.body.fault.faultName, operationIndex: answer.body.fault.operationIndex, cause, stack: error instanceof Error && !('faultName' in error) ? error.stack : undefined }, 'request failed');
    }
    return reply.code(answer.status).headers(answer.headers).type('application/json').send(answer.body);
  });
  fastify.setNotFoundHandler((request) => {
    throw new HttpFault('RouteNotFoundFault', `No route ${request.method} ${request.url.split('?')[0] ?? ''}: see GET /openapi.json`);
  });

  const authenticated = async (request: FastifyRequest) => {
    const identity = await authenticate(request);
    if (identity === undefined) throw new HttpFault('AuthenticationFault', 'This service needs credentials that it accepts', { 'www-authenticate': 'Bearer' });
    identities.set(request, identity);
  };
  const identityOf = (request: FastifyRequest): Identity => identities.get(request) ?? {};

  fastify.post('/v1/processRequest', { onRequest: authenticated, bodyLimit }, async (request: FastifyRequest, reply: FastifyReply) => {
    const response = await processRequest(foundation, request, identityOf(request));
    return reply.type('application/json').send(response);
  });

  fastify.post('/v1/authorizeRequest', { onRequest: authenticated, bodyLimit }, async (request: FastifyRequest, reply: FastifyReply) => {
    const { request: commerceRequest, context } = requestOf(request.body, identityOf(request), request.id);
    const answer = await foundation.authorizeRequest(commerceRequest, context);
    return reply.type('application/json').send(answer);
  });

  fastify.post('/v1/refreshProfileCache', { onRequest: authenticated, bodyLimit }, async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const role = options.managementRole ?? 'admin';
    if (!options.unauthenticated && !identity.roles?.includes(role)) throw new HttpFault('AuthorizationFault', `Refreshing the profile cache needs the ${role} role`);
    const body: unknown = request.body ?? {};
    if (!isPlainObject(body)) throw ValidationFault.of('', 'must be an object: { profileId?, profileType? }');
    const { profileId, profileType, ...rest } = body;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw ValidationFault.of(extra, 'is not a property of a cache refresh: give profileId and profileType, or neither');
    if ((profileId === undefined) !== (profileType === undefined)) throw ValidationFault.of(profileId === undefined ? 'profileId' : 'profileType', 'give profileId and profileType together, or neither for the whole cache');
    if (profileId !== undefined && (typeof profileId !== 'string' || typeof profileType !== 'string')) throw ValidationFault.of(typeof profileId === 'string' ? 'profileType' : 'profileId', 'must be a string');
    if (typeof profileId === 'string' && typeof profileType === 'string') await foundation.profileManagement.refreshProfileCache(profileId, profileType);
    else await foundation.profileManagement.refreshProfileCache();
    return { refreshed: profileId === undefined ? 'all' : 'one' };
  });

  fastify.get('/openapi.json', () => (document ??= openApiDocument(options.version ?? '0.0.0')));
  fastify.get('/healthz', () => ({ status: 'ok' }));
  fastify.get('/readyz', async (_request, reply) => {
    const checks = await readiness(foundation);
    const ready = !closing && !options.draining?.() && checks.databases === 'ok' && checks.farm !== 'failing';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', ...checks });
  });
  return Promise.resolve();
}
