import type { CommerceEntity } from '../requests/CommerceEntity.js';

export interface CommerceQueryOperationResponse<T = CommerceEntity> {
  commerceEntities: T[];
  /** Present when the search criteria asked for it. */
  totalItemCount?: number;
}

export interface CommerceCreateOperationResponse<T = CommerceEntity> {
  /** Absent until a response builder adds the created entity. */
  commerceEntity?: T;
}

export interface CommerceUpdateOperationResponse<T = CommerceEntity> {
  commerceEntities: T[];
}

export interface CommerceDeleteOperationResponse<T = CommerceEntity> {
  /** How many items were deleted: 0 when none matched. */
  count: number;
  /** The deleted entities as they were, with any related items asked for. */
  commerceEntities: T[];
}

export type CommerceOperationResponse<T = CommerceEntity> =
  | CommerceQueryOperationResponse<T>
  | CommerceCreateOperationResponse<T>
  | CommerceUpdateOperationResponse<T>
  | CommerceDeleteOperationResponse<T>;
