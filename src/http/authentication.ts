import { createPublicKey, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtConfig, ServerConfig } from '../api.js';
import { HttpFault } from './httpFaults.js';

/** Who is calling: `userId` becomes requestContext.userId, `roles` requestContext.roles. */
export interface Identity {
  readonly userId?: string;
  readonly roles?: readonly string[];
}

/**
 * Decides who sent a request (say, from the app's own session cookie). Resolve the caller's identity, or undefined
 * to refuse the request with 401; an error thrown is a failure of the server (500).
 */
export type Authenticator = (request: FastifyRequest) => Promise<Identity | undefined> | Identity | undefined;

const challenge = { 'www-authenticate': 'Bearer' };
const invalid = (why: string) => new HttpFault('AuthenticationFault', `The bearer token is not accepted: ${why}`, { 'www-authenticate': 'Bearer error="invalid_token"' });

/** The bearer token of an Authorization header; 401 when there is none. */
function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  if (!match?.[1]) throw new HttpFault('AuthenticationFault', 'This service needs credentials: send Authorization: Bearer <token>', challenge);
  return match[1];
}

/** Why jose refused a token, in words that name no value of it. */
function refusal(error: unknown): HttpFault {
  if (error instanceof joseErrors.JWTExpired) return invalid('it has expired');
  if (error instanceof joseErrors.JWTClaimValidationFailed) return invalid(`its ${error.claim} claim is not accepted`);
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return invalid('its signature does not verify');
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported) return invalid('its algorithm is not accepted');
  if (error instanceof joseErrors.JWKSNoMatchingKey) return invalid('no key of the key set matches it');
  return invalid('it is not a well-formed, signed JSON Web Token');
}

const algorithmsByKeyType: Readonly<Record<string, readonly string[]>> = {
  rsa: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  'rsa-pss': ['PS256', 'PS384', 'PS512'],
  ec: ['ES256', 'ES384', 'ES512'],
  ed25519: ['EdDSA', 'Ed25519'],
};

function verificationKey(config: JwtConfig): { key: Uint8Array | KeyObject | JWTVerifyGetKey; algorithms: string[] } {
  if (config.secret !== undefined) return { key: new TextEncoder().encode(config.secret), algorithms: ['HS256', 'HS384', 'HS512'] };
  if (config.publicKey !== undefined) {
    const key = createPublicKey(config.publicKey);
    return { key, algorithms: [...(algorithmsByKeyType[key.asymmetricKeyType ?? ''] ?? [])] };
  }
  // jose caches the key set and fetches it again (no more than once every 30 s) when a token names a key it lacks.
  return { key: createRemoteJWKSet(new URL(config.jwksUrl ?? ''), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 5000 }), algorithms: [...algorithmsByKeyType['rsa'] ?? [], ...algorithmsByKeyType['ec'] ?? [], 'EdDSA'] };
}

/** The value at a dotted path of the payload (realm_access.roles). */
function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function rolesOf(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(' ').filter((role) => role !== '');
  if (Array.isArray(claim)) return claim.filter((role): role is string => typeof role === 'string');
  return [];
}

/** Verifies bearer JSON Web Tokens with jose: signature, issuer, audience, expiry within the clock tolerance. */
export function jwtAuthenticator(config: JwtConfig): Authenticator {
  const { key, algorithms } = verificationKey(config);
  const options = { issuer: config.issuer, audience: config.audience, algorithms, clockTolerance: config.clockToleranceSeconds, requiredClaims: ['sub', 'exp'] };
  return async (request) => {
    const token = bearerToken(request);
    let payload: JWTPayload;
    try {
      // The two overloads of jwtVerify take a key or a key-set function.
      payload = typeof key === 'function' ? (await jwtVerify(token, key, options)).payload : (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      throw refusal(error);
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw invalid('its sub claim is not accepted');
    return { userId: payload.sub, roles: rolesOf(claimAt(payload, config.rolesClaim)) };
  };
}

/** No credentials: the caller is nobody in particular. Allowed only on a loopback host. */
export const noAuthentication: Authenticator = () => ({});

/** Whether a host name or address reaches only this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare.startsWith('::ffff:127.');
}

/** The authenticator a server uses: the app's own, or the one `server.auth` configures. */
export function configuredAuthenticator(auth: ServerConfig['auth'], custom: Authenticator | undefined): { authenticator: Authenticator; none: boolean } {
  if (custom) return { authenticator: custom, none: false };
  if (auth === 'none') return { authenticator: noAuthentication, none: true };
  return { authenticator: jwtAuthenticator(auth.jwt), none: false };
}
