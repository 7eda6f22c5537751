// The package root: the core's public surface, the shipped modules, and start-up with those modules loaded.
export * from './api.js';
export * from './features/userprofile/index.js';
export { organizationModule } from './features/organization/index.js';
export { createCommerceFoundation, checkConfiguration, inspectConfiguration, shippedModules } from './shipped.js';
export * from './http/index.js';
