import type { Container } from 'inversify';
import type { Knex } from 'knex';
import type { CommerceConfig } from '../config/commerceConfigSchema.js';
import type { OperationService } from '../pipeline/OperationService.js';
import type { ResolvedSequence } from '../sequences/ResolvedSequence.js';
import type { DatabaseChoice } from '../storage/resolveDatabaseConfig.js';

export interface FoundationParts {
  readonly root: string;
  readonly config: CommerceConfig;
  readonly database: DatabaseChoice;
  readonly knex: Knex;
  readonly container: Container;
  readonly sequences: ReadonlyMap<string, ResolvedSequence>;
  readonly service: OperationService;
}

/** A started framework: send requests with `processRequest`, end it with `close`. */
export class CommerceFoundation {
  readonly root: string;
  readonly config: CommerceConfig;
  /** The database in use and where that choice came from. */
  readonly database: DatabaseChoice;
  readonly knex: Knex;
  readonly container: Container;
  /** The effective sequences, by handler name. */
  readonly sequences: ReadonlyMap<string, ResolvedSequence>;
  /** Runs an operation, or every operation of a request in order, each through its sequence. */
  readonly processRequest: OperationService['processRequest'];
  private closed = false;

  constructor(parts: FoundationParts) {
    this.root = parts.root;
    this.config = parts.config;
    this.database = parts.database;
    this.knex = parts.knex;
    this.container = parts.container;
    this.sequences = parts.sequences;
    this.processRequest = parts.service.processRequest.bind(parts.service);
  }

  /** Ends the database pools; the process can exit. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.knex.destroy();
  }
}
