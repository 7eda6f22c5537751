import type { CommerceEntity } from '../CommerceEntity.js';
import { compactJson } from '../compactJson.js';

export type RelatedOperationName =
  | 'CommerceQueryRelatedItem'
  | 'CommerceCreateRelatedItem'
  | 'CommerceUpdateRelatedItem'
  | 'CommerceDeleteRelatedItem';

/** An operation on the items a model reaches through a named relationship (`Addresses`, `CreditCards`, …). */
export abstract class CommerceRelatedOperation<T extends object = CommerceEntity> {
  abstract readonly operation: RelatedOperationName;
  relatedOperations: CommerceRelatedOperation<object>[] = [];
  /** The related model's name; the relationship's own model when absent. */
  modelName?: string;

  constructor(
    readonly relationshipName: string,
    modelName?: string,
  ) {
    if (modelName !== undefined) this.modelName = modelName;
  }

  /** Marks the item type for the type checker only. */
  declare readonly __item?: T;

  toJSON(): Record<string, unknown> {
    return compactJson({
      operation: this.operation,
      relationshipName: this.relationshipName,
      modelName: this.modelName,
      ...this.jsonFields(),
      relatedOperations: this.relatedOperations.map((r) => r.toJSON()),
    });
  }

  protected abstract jsonFields(): Record<string, unknown>;
}
