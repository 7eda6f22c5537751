import type { Container } from 'inversify';
import type { Knex } from 'knex';
import type { CommerceConfig } from '../config/commerceConfigSchema.js';
import type { OperationService } from '../pipeline/OperationService.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { CommerceRequest } from '../requests/CommerceRequest.js';
import type { RequestContext } from '../requests/RequestContext.js';
import type { CommerceResponse, OperationResponseOf, OperationResponsesOf } from '../responses/CommerceResponse.js';
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
  private readonly service: OperationService;
  private closed = false;

  constructor(parts: FoundationParts) {
    this.root = parts.root;
    this.config = parts.config;
    this.database = parts.database;
    this.knex = parts.knex;
    this.container = parts.container;
    this.sequences = parts.sequences;
    this.service = parts.service;
  }

  processRequest<O extends CommerceOperation<any>>(
    operation: O,
    requestContext?: RequestContext,
  ): Promise<CommerceResponse<[OperationResponseOf<O>]>>;
  processRequest<Ops extends readonly CommerceOperation<any>[]>(
    request: CommerceRequest<Ops>,
    requestContext?: RequestContext,
  ): Promise<CommerceResponse<OperationResponsesOf<Ops>>>;
  processRequest(
    input: CommerceOperation<any> | CommerceRequest,
    requestContext?: RequestContext,
  ): Promise<CommerceResponse<unknown[]>> {
    return this.service.processRequest(input as CommerceRequest, requestContext);
  }

  /** Ends the database pools; the process can exit. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.knex.destroy();
  }
}
