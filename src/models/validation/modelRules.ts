import type { ValidationError } from '../../faults/ValidationFault.js';
import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';
import type { CommerceOperation, OperationName } from '../../requests/CommerceOperation.js';
import type { CommerceRelatedOperation } from '../../requests/related/CommerceRelatedOperation.js';
import { withArticle } from '../../util/withArticle.js';
import { mappedProperty, relationshipOf, type EntityValues, type ModelMapping } from '../mapping/ModelMapping.js';
import { noEncryptionKeyMessage } from '../sensitive/CardNumberCipher.js';
import { givenProperties, isKeyLookup } from '../mapping/profileSearchOf.js';
import { searchErrors } from './searchRules.js';

type Errors = ValidationError[];
type Parts = { searchCriteria?: CommerceModelSearch<EntityValues>; model?: EntityValues };
export type OperationRule = (operation: CommerceOperation<object>) => ValidationError[];

const given = (values: EntityValues | undefined) => givenProperties(values ?? {});

const alternatives = (names: readonly string[]) => names.join(' or ');
/** `a UserProfile`, `an Address`: for the middle of a sentence. */
const aModel = (name: string) => withArticle(name).replace(/^A/, 'a');

function writable(mapping: ModelMapping, values: EntityValues | undefined, path: string, canStoreCardNumbers: boolean, errors: Errors): void {
  for (const key of given(values)) {
    const property = mappedProperty(mapping, key);
    if (property?.readOnly) errors.push({ property: `${path}.${key}`, errorMessage: `${key} is set by the system and cannot be written` });
    if (property?.cardNumber && !canStoreCardNumbers) errors.push({ property: `${path}.${key}`, errorMessage: noEncryptionKeyMessage });
  }
}

/** Exactly one key property, and nothing else, identifies the entity (seed 002: Id or Email). */
function identifiedByOneKey(mapping: ModelMapping, search: CommerceModelSearch<EntityValues> | undefined, errors: Errors): void {
  const keys = Object.entries(mapping.properties).filter(([, p]) => p.key).map(([name]) => name);
  const named = given(search?.model);
  const identifying = named.filter((k) => keys.includes(k));
  for (const other of named.filter((k) => !keys.includes(k))) {
    errors.push({ property: `searchCriteria.model.${other}`, errorMessage: `${aModel(mapping.modelName)} is identified by ${alternatives(keys)} only` });
  }
  if (search?.filter !== undefined) errors.push({ property: 'searchCriteria.filter', errorMessage: `${aModel(mapping.modelName)} is identified by ${alternatives(keys)} only` });
  if (identifying.length === 0) errors.push({ property: 'searchCriteria.model', errorMessage: `${alternatives(keys)} is required` });
  if (identifying.length > 1) errors.push({ property: 'searchCriteria.model', errorMessage: keys.length === 2 ? `give ${alternatives(keys)}, not both` : `give only one of ${keys.join(', ')}` });
}

/**
 * How an Update or a Delete names its entities: by exactly one key (seed 002), or, where the model file says
 * `"bulk": true`, by a search as well — one that names something, so that no request deletes every entity by default.
 */
function found(mapping: ModelMapping, search: CommerceModelSearch<EntityValues> | undefined, errors: Errors): void {
  if (!mapping.bulk || !search || isKeyLookup(mapping, search)) {
    identifiedByOneKey(mapping, search, errors);
    return;
  }
  if (given(search.model).length === 0 && search.filter === undefined) errors.push({ property: 'searchCriteria', errorMessage: 'give the model values or the filter that name what to change' });
  errors.push(...searchErrors(mapping, search));
}

function requiredOf(mapping: ModelMapping): string[] {
  return Object.entries(mapping.properties).filter(([, p]) => p.required).map(([name]) => name);
}

function relatedItemRules(owner: ModelMapping, related: readonly CommerceRelatedOperation<object>[], canStoreCardNumbers: boolean, errors: Errors): void {
  related.forEach((op, i) => {
    const at = `relatedOperations[${i}]`;
    const mapping = relationshipOf(owner, op.relationshipName)?.model;
    if (!mapping) return;
    const { searchCriteria, model } = op as Parts;
    const values = given(model);
    if (searchCriteria?.filter !== undefined) errors.push({ property: `${at}.searchCriteria.filter`, errorMessage: `a related operation takes no filter: its items are those ${op.relationshipName} holds` });
    writable(mapping, model, `${at}.model`, canStoreCardNumbers, errors);
    if (op.operation === 'CommerceCreateRelatedItem') {
      if (values.length === 0) errors.push({ property: `${at}.model`, errorMessage: 'give the new item, or only the id of an existing one' });
      else if (!(values.length === 1 && values[0] === 'id')) {
        for (const needed of requiredOf(mapping)) {
          if (!values.includes(needed)) errors.push({ property: `${at}.model.${needed}`, errorMessage: `a new ${mapping.modelName} needs ${needed}` });
        }
      }
    }
    if (op.operation === 'CommerceUpdateRelatedItem' || op.operation === 'CommerceDeleteRelatedItem') {
      const keys = given(searchCriteria?.model);
      if (!keys.includes('id')) errors.push({ property: `${at}.searchCriteria.model.id`, errorMessage: `the id of the ${mapping.modelName} is required` });
      for (const other of keys.filter((k) => k !== 'id')) {
        errors.push({ property: `${at}.searchCriteria.model.${other}`, errorMessage: `a related ${mapping.modelName} is identified by id only` });
      }
    }
    if (op.operation === 'CommerceUpdateRelatedItem') {
      if (values.includes('id')) errors.push({ property: `${at}.model.id`, errorMessage: 'the id of an item cannot change' });
      if (values.length === 0) errors.push({ property: `${at}.model`, errorMessage: 'give the values to change' });
    }
  });
}

/** The rules of a model stored in profiles that its value schemas alone cannot state, per operation. */
export function modelRules(mapping: ModelMapping, canStoreCardNumbers: boolean): Record<OperationName, OperationRule> {
  const withRelated = (op: CommerceOperation<object>, errors: Errors) => {
    relatedItemRules(mapping, op.relatedOperations, canStoreCardNumbers, errors);
    return errors;
  };
  return {
    CommerceQuery: (op) => withRelated(op, searchErrors(mapping, (op as Parts).searchCriteria)),
    CommerceDelete: (op) => {
      const errors: Errors = [];
      found(mapping, (op as Parts).searchCriteria, errors);
      return withRelated(op, errors);
    },
    CommerceCreate: (op) => {
      const errors: Errors = [];
      const { model } = op as Parts;
      for (const needed of requiredOf(mapping)) if (!given(model).includes(needed)) errors.push({ property: `model.${needed}`, errorMessage: `${needed} is required` });
      writable(mapping, model, 'model', canStoreCardNumbers, errors);
      return withRelated(op, errors);
    },
    CommerceUpdate: (op) => {
      const errors: Errors = [];
      const { searchCriteria, model } = op as Parts;
      found(mapping, searchCriteria, errors);
      if (model?.['id'] !== undefined) errors.push({ property: 'model.id', errorMessage: `the id of ${aModel(mapping.modelName)} cannot change` });
      writable(mapping, model, 'model', canStoreCardNumbers, errors);
      return withRelated(op, errors);
    },
  };
}
