/** Service identifiers a component can `@inject`. */
export const KnexToken = Symbol.for('commerce-foundation/Knex');
export const CommerceConfigToken = Symbol.for('commerce-foundation/CommerceConfig');
export const FoundationRootToken = Symbol.for('commerce-foundation/FoundationRoot');
export const LoggerToken = Symbol.for('commerce-foundation/Logger');

/** The identifier a sequence component is bound under, by the name sequence files use. */
export function componentIdentifier(name: string): symbol {
  return Symbol.for(`commerce-foundation/component/${name}`);
}
