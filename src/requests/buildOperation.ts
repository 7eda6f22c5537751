import type { z } from 'zod';
import type { CommerceOperation } from './CommerceOperation.js';
import type { CommerceModelSearch } from './CommerceModelSearch.js';
import { CommerceCreate } from './CommerceCreate.js';
import { CommerceDelete } from './CommerceDelete.js';
import { CommerceQuery } from './CommerceQuery.js';
import { CommerceUpdate } from './CommerceUpdate.js';
import { CommerceCreateRelatedItem } from './related/CommerceCreateRelatedItem.js';
import { CommerceDeleteRelatedItem } from './related/CommerceDeleteRelatedItem.js';
import { CommerceQueryRelatedItem } from './related/CommerceQueryRelatedItem.js';
import type { CommerceRelatedOperation } from './related/CommerceRelatedOperation.js';
import { CommerceUpdateRelatedItem } from './related/CommerceUpdateRelatedItem.js';
import type { operationJsonSchema, searchCriteriaJsonSchema } from './requestJsonSchema.js';

type OperationData = z.output<typeof operationJsonSchema>;
type SearchData = z.output<typeof searchCriteriaJsonSchema>;

interface RelatedData {
  operation: CommerceRelatedOperation['operation'];
  relationshipName: string;
  modelName?: string | undefined;
  relatedOperations: RelatedData[];
  searchCriteria?: SearchData;
  model?: Record<string, unknown>;
  propertiesToReturn?: string[] | undefined;
}

function toSearch(data: SearchData): CommerceModelSearch<object> {
  const search: CommerceModelSearch<object> = { model: { ...data.model }, sortProperties: [...data.sortProperties] };
  if (data.filter !== undefined) search.filter = data.filter;
  if (data.firstItemIndex !== undefined) search.firstItemIndex = data.firstItemIndex;
  if (data.numberOfItemsToReturn !== undefined) search.numberOfItemsToReturn = data.numberOfItemsToReturn;
  if (data.returnTotalItemCount !== undefined) search.returnTotalItemCount = data.returnTotalItemCount;
  return search;
}

function buildRelated(data: RelatedData): CommerceRelatedOperation {
  const related = newRelated(data);
  related.relatedOperations = data.relatedOperations.map(buildRelated);
  return related;
}

function newRelated(data: RelatedData): CommerceRelatedOperation {
  const { relationshipName, modelName } = data;
  switch (data.operation) {
    case 'CommerceQueryRelatedItem': {
      const op = new CommerceQueryRelatedItem(relationshipName, modelName);
      if (data.searchCriteria) op.searchCriteria = toSearch(data.searchCriteria);
      if (data.propertiesToReturn) op.propertiesToReturn = [...data.propertiesToReturn];
      return op;
    }
    case 'CommerceCreateRelatedItem': {
      const op = new CommerceCreateRelatedItem(relationshipName, modelName);
      op.model = { ...data.model };
      return op;
    }
    case 'CommerceUpdateRelatedItem': {
      const op = new CommerceUpdateRelatedItem(relationshipName, modelName);
      if (data.searchCriteria) op.searchCriteria = toSearch(data.searchCriteria);
      op.model = { ...data.model };
      return op;
    }
    case 'CommerceDeleteRelatedItem': {
      const op = new CommerceDeleteRelatedItem(relationshipName, modelName);
      if (data.searchCriteria) op.searchCriteria = toSearch(data.searchCriteria);
      return op;
    }
  }
}

/** Rebuilds request objects from their validated JSON form. */
export function buildOperation(data: OperationData): CommerceOperation {
  const op = newOperation(data);
  op.relatedOperations = (data.relatedOperations as RelatedData[]).map(buildRelated);
  return op;
}

function newOperation(data: OperationData): CommerceOperation {
  switch (data.operation) {
    case 'CommerceQuery': {
      const op = new CommerceQuery(data.modelName);
      op.searchCriteria = toSearch(data.searchCriteria);
      if (data.propertiesToReturn) op.propertiesToReturn = [...data.propertiesToReturn];
      return op;
    }
    case 'CommerceCreate': {
      const op = new CommerceCreate(data.modelName);
      op.model = { ...data.model };
      return op;
    }
    case 'CommerceUpdate': {
      const op = new CommerceUpdate(data.modelName);
      op.searchCriteria = toSearch(data.searchCriteria);
      op.model = { ...data.model };
      return op;
    }
    case 'CommerceDelete': {
      const op = new CommerceDelete(data.modelName);
      op.searchCriteria = toSearch(data.searchCriteria);
      return op;
    }
  }
}
