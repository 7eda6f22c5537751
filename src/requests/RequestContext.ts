import { z } from 'zod';

export const requestContextSchema = z.strictObject({
  channel: z.string().optional(),
  userId: z.string().optional(),
  /** The caller's roles, which config/authorization.json's rules name; the HTTP service sets them from the caller's credentials. */
  roles: z.array(z.string()).optional(),
  userLocale: z.string().optional(),
  userUILocale: z.string().optional(),
  requestId: z.string().optional(),
  /** A property bag passed to every component. */
  properties: z.record(z.string(), z.unknown()).optional(),
  /** Adds a trace of every component run to the response. */
  trace: z.boolean().optional(),
});

export type RequestContext = z.infer<typeof requestContextSchema>;
