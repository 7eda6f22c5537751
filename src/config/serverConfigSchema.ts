import { z } from 'zod';

export const jwtConfigSchema = z
  .strictObject({
    secret: z.string().min(32, 'must be at least 32 characters (256 bits) for HS256').optional().describe('An HMAC secret (HS256/HS384/HS512 tokens).'),
    publicKey: z
      .string()
      .regex(/-----BEGIN PUBLIC KEY-----/, 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)')
      .optional()
      .describe('A PEM public key (RS256…, PS256…, ES256…, EdDSA tokens).'),
    jwksUrl: z.url({ protocol: /^https?$/ }).optional().describe('A JSON Web Key Set URL; its keys are cached and fetched again when a token names an unknown key.'),
    issuer: z.string().min(1).describe('The `iss` every token must carry.'),
    audience: z.string().min(1).describe('The `aud` every token must carry.'),
    rolesClaim: z.string().min(1).default('roles').describe('The claim (a dotted path such as realm_access.roles) holding the caller\'s roles: an array of strings, or one string of space-separated roles.'),
    clockToleranceSeconds: z.number().int().min(0).max(300).default(30).describe('How far `exp` and `nbf` may be off the server clock.'),
  })
  .refine((jwt) => [jwt.secret, jwt.publicKey, jwt.jwksUrl].filter((key) => key !== undefined).length === 1, {
    error: 'give exactly one of secret, publicKey and jwksUrl',
  })
  .describe('Bearer JSON Web Tokens: `sub` becomes requestContext.userId, the roles claim requestContext.roles.');

export const serverConfigSchema = z
  .strictObject({
    auth: z
      .union([z.literal('none'), z.strictObject({ jwt: jwtConfigSchema })])
      .default('none')
      .describe('How callers are authenticated. "none" is allowed only when the server listens on a loopback host.'),
    bodyLimitBytes: z.number().int().positive().default(1048576).describe('The largest request body; a larger one is answered with 413.'),
    requestTimeoutSeconds: z.number().positive().max(600).default(30).describe('How long a client may take to send a whole request (headers and body).'),
    shutdownTimeoutSeconds: z.number().positive().max(600).default(10).describe('On SIGTERM, how long requests in flight may take to finish before their connections are closed.'),
    cors: z
      .strictObject({ origins: z.array(z.string().min(1)).min(1).describe('The origins allowed to call the service from a browser.') })
      .optional()
      .describe('Cross-origin requests; off unless configured.'),
  })
  .describe('The HTTP service (commerce serve, createCommerceServer).');

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type JwtConfig = z.output<typeof jwtConfigSchema>;
