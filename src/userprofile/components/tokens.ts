/** The UserProfile components' shared services, for components of an app that extend them. */
export const EntityMapperToken = Symbol.for('commerce-foundation/EntityMapper');
export const CardNumberCipherToken = Symbol.for('commerce-foundation/CardNumberCipher');
