import type { CommerceEntity, WritableValues } from './CommerceEntity.js';
import { CommerceOperation } from './CommerceOperation.js';

export class CommerceCreate<T extends object = CommerceEntity> extends CommerceOperation<T> {
  readonly operation = 'CommerceCreate' as const;
  /** The values of the new item. */
  model: WritableValues<T> = {};

  protected jsonFields(): Record<string, unknown> {
    return { model: { ...this.model } };
  }
}
