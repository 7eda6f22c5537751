import type { CommerceEntity, WritableValues } from '../CommerceEntity.js';
import { CommerceRelatedOperation } from './CommerceRelatedOperation.js';

/** Creates a related item; a `model` holding only the `id` of an existing item associates that item instead. */
export class CommerceCreateRelatedItem<T extends object = CommerceEntity> extends CommerceRelatedOperation<T> {
  readonly operation = 'CommerceCreateRelatedItem' as const;
  model: WritableValues<T> = {};

  protected jsonFields(): Record<string, unknown> {
    return { model: { ...this.model } };
  }
}
