import 'reflect-metadata';

/** The shop's components, by the names its sequence files use (config/commerce.json → "components"). */
export { AuditTrail } from './AuditTrail.js';
