import type { ContainerModule } from 'inversify';
import type { ModelFileInput } from '../models/files/modelFileSchema.js';
import type { ProfileDefinitionInput } from '../profiles/definitions/profileDefinitionSchema.js';
import type { SequenceComponentRegistration } from '../sequences/SequenceComponent.js';
import type { SequenceFileInput } from '../sequences/sequenceFileSchema.js';
import type { ModulePatchInput } from '../sequences/sequencePatchSchema.js';
import type { SequencePatchFunction } from '../sequences/patchSequences.js';

/**
 * A feature or plugin: what it adds to a foundation. The UserProfile feature is one (`userProfileModule`); an app
 * loads its own with `createCommerceFoundation({ modules: [...] })` or `config/commerce.json` → `modules`.
 */
export interface CommerceModule {
  /** Unique among the modules loaded; `commerce sequences` names it as the origin of what it adds. */
  readonly name: string;
  /** A folder laid out like an app root — config/profiles, config/models, sequences — read at start-up. */
  readonly folder?: string;
  /** Sequence components, by the names sequence files use. */
  readonly components?: Readonly<Record<string, SequenceComponentRegistration>>;
  /** The module's own services, bound in the foundation's container. */
  readonly containerModule?: ContainerModule;
  /** Objects of the profile-definition file format. */
  readonly profileDefinitions?: readonly ProfileDefinitionInput[];
  /** Objects of the model file format: models it declares, or properties it adds to others. */
  readonly models?: readonly ModelFileInput[];
  /** Whole sequences it ships, by handler name. */
  readonly sequences?: Readonly<Record<string, SequenceFileInput>>;
  /**
   * Edits of sequences it does not own, applied in the order modules are loaded, after the whole files and before the
   * app's patch files: `[{ handler: 'CommerceDeleteOperation_UserProfile', add: { name: 'AuditTrail' }, after: 'UserProfileCommitter' }]`,
   * or a function that answers the patches for each sequence (every handler of every channel) as it stands.
   */
  readonly sequencePatches?: readonly ModulePatchInput[] | SequencePatchFunction;
  /**
   * Applies `sequencePatches` after every other contributor's — the other modules', the app's patch files and the
   * channels' — so that a step it adds `at: 'start'` stays first whatever others add (an authorization check, say).
   * Such modules apply among themselves in load order.
   */
  readonly sequencePatchesLast?: boolean;
}

/** Declares a module: typed, and frozen so that what start-up reads is what was declared. */
export function defineCommerceModule<M extends CommerceModule>(module: M): Readonly<M> {
  return Object.freeze(module);
}
