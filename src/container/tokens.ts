/** Service identifiers a component can `@inject`. */
export const KnexToken = Symbol.for('commerce-foundation/Knex');
export const CommerceConfigToken = Symbol.for('commerce-foundation/CommerceConfig');
export const FoundationRootToken = Symbol.for('commerce-foundation/FoundationRoot');
export const LoggerToken = Symbol.for('commerce-foundation/Logger');
/** The ProfilesSystem: definitions, store, cache. */
export const ProfilesSystemToken = Symbol.for('commerce-foundation/ProfilesSystem');
/** The ProfileContext outside operations; inside one, use `context.profiles`. */
export const ProfileContextToken = Symbol.for('commerce-foundation/ProfileContext');
export const ProfileManagementToken = Symbol.for('commerce-foundation/ProfileManagementContext');

/** The identifier a sequence component is bound under, by the name sequence files use. */
export function componentIdentifier(name: string): symbol {
  return Symbol.for(`commerce-foundation/component/${name}`);
}
