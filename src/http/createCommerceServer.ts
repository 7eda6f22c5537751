import { setTimeout as delay } from 'node:timers/promises';
import cors from '@fastify/cors';
import fastifyFactory, { LogController, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { ConfigurationError, type CommerceFoundation, type ServerConfig } from '../api.js';
import { configuredAuthenticator, isLoopbackHost, type Authenticator } from './authentication.js';
import { commerceFastifyPlugin, requestIdOf } from './commerceFastifyPlugin.js';

export interface CommerceServerOptions {
  /** Default 8080; 0 takes any free port (see `url` after listen). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** How callers are authenticated; default `config/commerce.json` → `server.auth`, else "none" (loopback only). */
  readonly auth?: ServerConfig['auth'];
  /** The app's own authenticator (say, its session cookie): replaces `auth`. */
  readonly authenticate?: Authenticator;
  /** The largest request body in bytes; default `server.bodyLimitBytes`, 1 MiB. */
  readonly bodyLimit?: number;
  /** How long a client may take to send a whole request; default `server.requestTimeoutSeconds`, 30 s. */
  readonly requestTimeoutMs?: number;
  /** How long close() lets requests in flight finish before it ends their connections; default 10 s. */
  readonly shutdownTimeoutMs?: number;
  /** Origins allowed to call from a browser; default `server.cors`, else none (CORS off). */
  readonly cors?: { readonly origins: readonly string[] };
  /** The role that may refresh the profile cache over HTTP; default "admin". */
  readonly managementRole?: string;
  /** Fastify's logger: false (default), true, or pino options such as `{ level: 'info' }`. */
  readonly logger?: FastifyServerOptions['logger'];
  /** The version the OpenAPI document states. */
  readonly version?: string;
}

export interface CommerceServer {
  /** The Fastify app, for more routes or hooks before listen. */
  readonly fastify: FastifyInstance;
  /** Starts listening; resolves the server's URL (http://host:port). */
  listen(): Promise<string>;
  /** Stops accepting, lets requests in flight finish (within shutdownTimeoutMs), answers 503 to any that arrive meanwhile. Leaves the foundation open. */
  close(): Promise<void>;
}

/**
 * The HTTP service of a started foundation (the same as `commerce serve`). Refuses, at once, to listen without
 * authentication on a host other than a loopback one.
 */
export function createCommerceServer(foundation: CommerceFoundation, options: CommerceServerOptions = {}): CommerceServer {
  const config = foundation.config.server;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;
  const auth = options.auth ?? config?.auth ?? 'none';
  const { authenticator, none } = configuredAuthenticator(auth, options.authenticate);
  if (none && !isLoopbackHost(host)) {
    throw new ConfigurationError([
      {
        file: 'config/commerce.json',
        path: 'server.auth',
        message: `is "none", which is allowed only on a loopback host (127.0.0.1, ::1, localhost), and the server would listen on ${host}: configure server.auth.jwt, give an authenticator, or listen on 127.0.0.1`,
      },
    ]);
  }
  const requestTimeout = options.requestTimeoutMs ?? (config?.requestTimeoutSeconds ?? 30) * 1000;
  const shutdownTimeout = options.shutdownTimeoutMs ?? (config?.shutdownTimeoutSeconds ?? 10) * 1000;
  const fastify = fastifyFactory({
    logger: options.logger ?? false,
    // One access line per request, written below, rather than Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request) => requestIdOf(request.headers['x-request-id']),
    requestTimeout,
    // No socket inactivity limit: an operation may run until its transaction times out. Slow clients are bounded by
    // requestTimeout and headersTimeout (sending), and by keepAliveTimeout (idle between requests).
    connectionTimeout: 0,
    keepAliveTimeout: 5000,
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // Headers are bounded as the whole request is; slow clients are checked for every second.
    http: { headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) },
  });
  // The requests in flight, for close() to wait on; a client that hangs up is done too.
  const inFlight = new Set<FastifyRequest>();
  let draining = false;
  fastify.addHook('onRequest', (request, _reply, done) => {
    inFlight.add(request);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    inFlight.delete(request);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    inFlight.delete(request);
    request.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, responseTimeMs: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });
  const origins = options.cors?.origins ?? config?.cors?.origins;
  if (origins) void fastify.register(cors, { origin: [...origins], methods: ['GET', 'POST'], exposedHeaders: ['x-request-id'] });
  void fastify.register(commerceFastifyPlugin, {
    foundation,
    authenticate: authenticator,
    draining: () => draining,
    unauthenticated: none,
    bodyLimit: options.bodyLimit ?? config?.bodyLimitBytes ?? 1024 * 1024,
    ...(options.managementRole === undefined ? {} : { managementRole: options.managementRole }),
    ...(options.version === undefined ? {} : { version: options.version }),
  });

  let closing: Promise<void> | undefined;
  return {
    fastify,
    async listen() {
      await fastify.listen({ port, host });
      const address = fastify.server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${String(bound)}`;
    },
    close() {
      closing ??= (async () => {
        // Draining: whatever arrives is answered 503 (and /readyz says so) while the requests in flight finish;
        // then the listener closes, and connections still busy after the bound are ended.
        draining = true;
        const deadline = Date.now() + shutdownTimeout;
        while (inFlight.size > 0 && Date.now() < deadline) await delay(10);
        const force = setTimeout(() => fastify.server.closeAllConnections(), Math.max(0, deadline - Date.now()));
        try {
          await fastify.close();
        } finally {
          clearTimeout(force);
        }
      })();
      return closing;
    },
  };
}
