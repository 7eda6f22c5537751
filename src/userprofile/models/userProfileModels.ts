import { addressSchema } from '../../entities/Address.js';
import { creditCardSchema } from '../../entities/CreditCard.js';
import { shippingMethodSchema } from '../../entities/ShippingMethod.js';
import { userProfileSchema } from '../../entities/UserProfile.js';
import { z } from 'zod';
import type { ValidationError } from '../../faults/ValidationFault.js';
import type { DefinitionSet } from '../../profiles/definitions/DefinitionSet.js';
import type { ModelDefinition } from '../../models/ModelDefinition.js';
import type { CommerceModelSearch } from '../../requests/CommerceModelSearch.js';
import type { CommerceOperation } from '../../requests/CommerceOperation.js';
import type { CommerceRelatedOperation } from '../../requests/related/CommerceRelatedOperation.js';
import { mappedProperty, type EntityValues, type ModelMapping } from '../mapping/ModelMapping.js';
import { noEncryptionKeyMessage } from '../cards/CardNumberCipher.js';
import type { ModelMappings } from '../mapping/ModelMappings.js';
import { zodForProperty } from './zodForProperty.js';

type Errors = ValidationError[];
type Parts = { searchCriteria?: CommerceModelSearch<EntityValues>; model?: EntityValues };

/** What a new related item needs at the least (the original's documented minimum to create an address). */
const minimumToCreate: Record<string, readonly string[]> = {
  Address: ['addressName', 'line1', 'city', 'stateProvinceCode', 'zipPostalCode', 'countryRegionCode'],
  CreditCard: ['creditCardNumber', 'expirationMonth', 'expirationYear'],
  ShippingMethod: ['name'],
};

const given = (values: EntityValues | undefined) =>
  Object.entries(values ?? {}).filter(([key, value]) => key !== 'modelName' && value !== undefined).map(([key]) => key);

function readOnly(mapping: ModelMapping, values: EntityValues | undefined, path: string, errors: Errors): void {
  for (const key of given(values)) {
    if (mappedProperty(mapping, key)?.readOnly) errors.push({ property: `${path}.${key}`, errorMessage: `${key} is set by the system and cannot be written` });
  }
}

/** Exactly one of the key properties, and nothing else, identifies the UserProfile (seed 002: Id or Email). */
function identifiedByOneKey(search: CommerceModelSearch<EntityValues> | undefined, errors: Errors): void {
  const keys = given(search?.model);
  const identifying = keys.filter((k) => k === 'id' || k === 'email');
  for (const other of keys.filter((k) => k !== 'id' && k !== 'email')) {
    errors.push({ property: `searchCriteria.model.${other}`, errorMessage: 'a UserProfile is identified by id or email only' });
  }
  if (identifying.length === 0) errors.push({ property: 'searchCriteria.model', errorMessage: 'id or email is required' });
  if (identifying.length > 1) errors.push({ property: 'searchCriteria.model', errorMessage: 'give id or email, not both' });
}

function relatedItemRules(mappings: ModelMappings, related: readonly CommerceRelatedOperation[], canStoreCardNumbers: boolean, errors: Errors): void {
  related.forEach((op, i) => {
    const at = `relatedOperations[${i}]`;
    const mapping = mappings.relationship(op.relationshipName)?.model;
    if (!mapping) return;
    const { searchCriteria, model } = op as Parts;
    const values = given(model);
    readOnly(mapping, model, `${at}.model`, errors);
    if (values.includes('creditCardNumber') && !canStoreCardNumbers) {
      errors.push({
        property: `${at}.model.creditCardNumber`,
        errorMessage: noEncryptionKeyMessage,
      });
    }
    if (op.operation === 'CommerceCreateRelatedItem') {
      if (values.length === 0) errors.push({ property: `${at}.model`, errorMessage: 'give the new item, or only the id of an existing one' });
      else if (!(values.length === 1 && values[0] === 'id')) {
        for (const needed of minimumToCreate[mapping.modelName] ?? []) {
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

function userProfileRules(mappings: ModelMappings, canStoreCardNumbers: boolean): NonNullable<ModelDefinition['rules']> {
  const userProfileMapping = mappings.userProfile;
  const withRelated = (op: CommerceOperation<any>, errors: Errors) => {
    relatedItemRules(mappings, op.relatedOperations, canStoreCardNumbers, errors);
    return errors;
  };
  const identified = (op: CommerceOperation<any>) => {
    const errors: Errors = [];
    identifiedByOneKey((op as Parts).searchCriteria, errors);
    return errors;
  };
  return {
    CommerceQuery: identified,
    CommerceDelete: identified,
    CommerceCreate: (op) => {
      const errors: Errors = [];
      const { model } = op as Parts;
      if (!given(model).includes('email')) errors.push({ property: 'model.email', errorMessage: 'email is required' });
      readOnly(userProfileMapping, model, 'model', errors);
      return withRelated(op, errors);
    },
    CommerceUpdate: (op) => {
      const errors: Errors = [];
      const { searchCriteria, model } = op as Parts;
      identifiedByOneKey(searchCriteria, errors);
      if (model?.['id'] !== undefined) errors.push({ property: 'model.id', errorMessage: 'the id of a UserProfile cannot change' });
      readOnly(userProfileMapping, model, 'model', errors);
      return withRelated(op, errors);
    },
  };
}

const entitySchemas: Record<string, z.ZodObject> = {
  UserProfile: userProfileSchema,
  Address: addressSchema,
  CreditCard: creditCardSchema,
  ShippingMethod: shippingMethodSchema,
};

/** A model's entity schema, with the properties the app mapped onto its profile definition. */
function schemaOf(mappings: ModelMappings, definitions: DefinitionSet, modelName: string): z.ZodObject {
  const mapping = mappings.model(modelName);
  const base = entitySchemas[modelName] ?? z.object({});
  const definition = definitions.get(mapping.profileType);
  const added = Object.entries(mapping.properties).filter(([property]) => !Object.hasOwn(base.shape, property));
  return base.extend(Object.fromEntries(added.map(([property, m]) => [property, zodForProperty(definition.byName.get(m.profile)).optional()])));
}

/** The built-in models requests may name: UserProfile, and the items it reaches through its relationships. */
export function userProfileModels(options: { mappings: ModelMappings; definitions: DefinitionSet; canStoreCardNumbers: boolean }): ModelDefinition[] {
  const { mappings, definitions } = options;
  const relationships = Object.fromEntries(mappings.allRelationships().map((r) => [r.name, { modelName: r.model.modelName, many: r.many }]));
  return [
    { name: 'UserProfile', schema: schemaOf(mappings, definitions, 'UserProfile'), relationships, rules: userProfileRules(mappings, options.canStoreCardNumbers) },
    ...['Address', 'CreditCard', 'ShippingMethod'].map((name) => ({ name, schema: schemaOf(mappings, definitions, name), relationships: {} })),
  ];
}
