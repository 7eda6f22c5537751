import type { z } from 'zod';
import type { operationJsonSchema, relatedOperationJsonSchema, requestJsonSchema } from './requestJsonSchema.js';

export type OperationJson = z.input<typeof operationJsonSchema>;
export type RelatedOperationJson = z.input<typeof relatedOperationJsonSchema>;
export type RequestJson = z.input<typeof requestJsonSchema>;
