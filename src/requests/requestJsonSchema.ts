import { z } from 'zod';
import { searchFilterSchema } from './SearchFilter.js';

/** Names come from definitions; these patterns keep request text from smuggling anything else in. */
export const modelNamePattern = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const modelName = z.string().regex(modelNamePattern, 'must be a model name: a letter, then letters or digits');
export const propertyNamePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const propertyName = z.string().regex(propertyNamePattern, 'must be a property name');

export const entityModelSchema = z.record(z.string(), z.unknown());

export const searchCriteriaJsonSchema = z.strictObject({
  model: entityModelSchema.default({}),
  filter: searchFilterSchema.optional(),
  firstItemIndex: z.number().int().min(0).optional(),
  numberOfItemsToReturn: z.number().int().min(0).optional(),
  returnTotalItemCount: z.boolean().optional(),
  sortProperties: z
    .array(z.strictObject({ property: propertyName, sortDirection: z.enum(['Ascending', 'Descending']) }))
    .default([]),
});

const relatedBase = {
  relationshipName: modelName,
  modelName: modelName.optional(),
  relatedOperations: z.lazy(() => z.array(relatedOperationJsonSchema)).default([]),
};

export const relatedOperationJsonSchema: z.ZodType = z.discriminatedUnion('operation', [
  z.strictObject({
    operation: z.literal('CommerceQueryRelatedItem'),
    ...relatedBase,
    searchCriteria: searchCriteriaJsonSchema.default({ model: {}, sortProperties: [] }),
    propertiesToReturn: z.array(propertyName).optional(),
  }),
  z.strictObject({ operation: z.literal('CommerceCreateRelatedItem'), ...relatedBase, model: entityModelSchema }),
  z.strictObject({
    operation: z.literal('CommerceUpdateRelatedItem'),
    ...relatedBase,
    searchCriteria: searchCriteriaJsonSchema,
    model: entityModelSchema,
  }),
  z.strictObject({
    operation: z.literal('CommerceDeleteRelatedItem'),
    ...relatedBase,
    searchCriteria: searchCriteriaJsonSchema,
  }),
]);

const operationBase = {
  modelName,
  relatedOperations: z.array(relatedOperationJsonSchema).default([]),
};
const defaultSearch = { model: {}, sortProperties: [] };

export const operationJsonSchema = z.discriminatedUnion('operation', [
  z.strictObject({
    operation: z.literal('CommerceQuery'),
    ...operationBase,
    searchCriteria: searchCriteriaJsonSchema.default(defaultSearch),
    propertiesToReturn: z.array(propertyName).optional(),
  }),
  z.strictObject({ operation: z.literal('CommerceCreate'), ...operationBase, model: entityModelSchema.default({}) }),
  z.strictObject({
    operation: z.literal('CommerceUpdate'),
    ...operationBase,
    searchCriteria: searchCriteriaJsonSchema.default(defaultSearch),
    model: entityModelSchema.default({}),
  }),
  z.strictObject({
    operation: z.literal('CommerceDelete'),
    ...operationBase,
    searchCriteria: searchCriteriaJsonSchema.default(defaultSearch),
  }),
]);

export const requestJsonSchema = z.strictObject({
  operations: z.array(operationJsonSchema).min(1, 'a request needs at least one operation'),
});
