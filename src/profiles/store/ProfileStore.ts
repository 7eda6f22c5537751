import type { Dialect } from '../../storage/dialects/Dialect.js';
import type { DefinitionSet } from '../definitions/DefinitionSet.js';
import { ProfileLoader } from './ProfileLoader.js';
import { ProfileWriter } from './ProfileWriter.js';
import { ReferenceQueries } from './ReferenceQueries.js';

/**
 * The SQL of the Profiles System, by job. Every call is set-based: it sends a fixed number of statements whatever
 * the number of profiles, and a profile with all its lists loads in one statement.
 */
export interface ProfileStore {
  readonly dialect: Dialect;
  readonly loader: ProfileLoader;
  readonly writer: ProfileWriter;
  readonly references: ReferenceQueries;
}

export function createProfileStore(definitions: DefinitionSet, dialect: Dialect): ProfileStore {
  return {
    dialect,
    loader: new ProfileLoader(definitions, dialect),
    writer: new ProfileWriter(dialect),
    references: new ReferenceQueries(definitions, dialect),
  };
}
