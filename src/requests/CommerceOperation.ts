import type { CommerceEntity } from './CommerceEntity.js';
import { compactJson } from './compactJson.js';
import type { CommerceRelatedOperation } from './related/CommerceRelatedOperation.js';

export type OperationName = 'CommerceCreate' | 'CommerceQuery' | 'CommerceUpdate' | 'CommerceDelete';

/** One operation of a request: what to do (`operation`) to which model (`modelName`). */
export abstract class CommerceOperation<T extends object = CommerceEntity> {
  abstract readonly operation: OperationName;
  relatedOperations: CommerceRelatedOperation<object>[] = [];

  constructor(readonly modelName: string) {}

  /** Marks the model type for the type checker only. */
  declare readonly __model?: T;

  toJSON(): Record<string, unknown> {
    return compactJson({
      operation: this.operation,
      modelName: this.modelName,
      ...this.jsonFields(),
      relatedOperations: this.relatedOperations.map((r) => r.toJSON()),
    });
  }

  protected abstract jsonFields(): Record<string, unknown>;
}
