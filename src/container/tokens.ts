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

/** The models stored in profiles and their entity mapper (`Models`): what the generic model components use. */
export const ModelsToken = Symbol.for('commerce-foundation/Models');
/** The EntityMapper alone: entities to profiles and back. */
export const EntityMapperToken = Symbol.for('commerce-foundation/EntityMapper');
/** The card number cipher (`CardNumberCipher`), bound when an encryption key is configured. */
export const CardNumberCipherToken = Symbol.for('commerce-foundation/CardNumberCipher');

/** The identifier a sequence component is bound under, by the name sequence files use. */
export function componentIdentifier(name: string): symbol {
  return Symbol.for(`commerce-foundation/component/${name}`);
}
