import type { ConfigurationProblem } from './errors/ConfigurationError.js';
import { organizationModule } from './features/organization/index.js';
import { userProfileModule } from './features/userprofile/index.js';
import type { CommerceFoundation } from './foundation/CommerceFoundation.js';
import type { CommerceFoundationOptions } from './foundation/foundationOptionsSchema.js';
import { checkFoundationConfiguration, inspectFoundationConfiguration, startFoundation, type ConfigurationInspection } from './foundation/startFoundation.js';

/** The modules the package ships, loaded before the app's own: the UserProfile and Organization features. */
export const shippedModules = [userProfileModule, organizationModule] as const;

/**
 * Starts the framework: reads and validates every config file, module, sequence file, profile definition and
 * model, opens the database, resolves each sequence's components once and creates missing tables.
 */
export function createCommerceFoundation(options: CommerceFoundationOptions = {}): Promise<CommerceFoundation> {
  return startFoundation(options, shippedModules);
}

/**
 * Every problem start-up would report; none means the configuration is sound. The configured database is not opened,
 * unless `connect` asks to reach it too (as start-up does), which creates and changes nothing.
 */
export function checkConfiguration(options: CommerceFoundationOptions = {}, check: { connect?: boolean } = {}): Promise<ConfigurationProblem[]> {
  return checkFoundationConfiguration(options, shippedModules, check);
}

/** What start-up reads and every problem it would report, without opening the configured database. */
export function inspectConfiguration(options: CommerceFoundationOptions = {}): Promise<ConfigurationInspection> {
  return inspectFoundationConfiguration(options, shippedModules);
}
