// The HTTP service: an edge over the core's public surface, exported from the package root.
export { createCommerceServer, type CommerceServer, type CommerceServerOptions } from './createCommerceServer.js';
export { commerceFastifyPlugin, type CommerceFastifyPluginOptions } from './commerceFastifyPlugin.js';
export { jwtAuthenticator, type Authenticator, type Identity } from './authentication.js';
export { faultStatuses, faultBodySchema, type FaultBody } from './httpFaults.js';
export { openApiDocument } from './openApiDocument.js';
