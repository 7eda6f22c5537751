import { validationErrorsFromZod } from '../faults/validationFaultFromZod.js';
import type { ValidationError } from '../faults/ValidationFault.js';
import { relationshipNamed } from '../models/ModelDefinition.js';
import type { ModelRegistry, RegisteredModel } from '../models/ModelRegistry.js';
import type { CommerceModelSearch } from '../requests/CommerceModelSearch.js';
import type { CommerceOperation, OperationName } from '../requests/CommerceOperation.js';
import type { CommerceRelatedOperation, RelatedOperationName } from '../requests/related/CommerceRelatedOperation.js';
import { inputErrors, operationLevel } from '../requests/inputErrors.js';
import { isCleanOperation } from './cleanOperation.js';
import { operationJsonSchema } from '../requests/requestJsonSchema.js';

type Errors = ValidationError[];

const relatedAllowed: Record<OperationName, readonly RelatedOperationName[]> = {
  CommerceQuery: ['CommerceQueryRelatedItem'],
  CommerceDelete: ['CommerceQueryRelatedItem'],
  CommerceCreate: ['CommerceQueryRelatedItem', 'CommerceCreateRelatedItem'],
  CommerceUpdate: [
    'CommerceQueryRelatedItem',
    'CommerceCreateRelatedItem',
    'CommerceUpdateRelatedItem',
    'CommerceDeleteRelatedItem',
  ],
};

interface Parts {
  searchCriteria?: CommerceModelSearch<Record<string, unknown>>;
  model?: Record<string, unknown>;
  propertiesToReturn?: string[];
}

function checkModelName(values: Record<string, unknown> | undefined, expected: string, path: string, errors: Errors) {
  const named = values?.['modelName'];
  if (named !== undefined && named !== expected) {
    errors.push({ property: `${path}.modelName`, errorMessage: `must be ${expected}, the operation's model` });
  }
}

/**
 * Whether the model's values schema surely accepts `values`, tried value by value with the check of each property
 * (the values schema is their strict, partial object, with no rule of its own; see RegisteredModel.valueChecks): no
 * object built, and an example that names nothing, the usual related query's, costs a loop. False means only "not
 * sure": the whole schema decides, and words the faults.
 */
function surelyValid(checks: RegisteredModel['valueChecks'], values: Record<string, unknown>): boolean {
  for (const key in values) {
    if (key === 'modelName') continue;
    const check = Object.hasOwn(values, key) ? checks.get(key) : undefined;
    if (!check?.(values[key])) return false;
  }
  return true;
}

/** A search's values (`written` false) or the values a Create or an Update writes, where null clears a clearable property. */
function checkValues(model: RegisteredModel, values: Record<string, unknown> | undefined, path: string, errors: Errors, written: boolean) {
  if (!values || surelyValid(written ? model.writeChecks : model.valueChecks, values)) return;
  const { modelName: _, ...rest } = values;
  const parsed = (written ? model.writeSchema : model.valuesSchema).safeParse(rest);
  if (!parsed.success) errors.push(...validationErrorsFromZod(parsed.error, path, model.definition.name));
}

function checkNames(model: RegisteredModel, names: readonly string[] | undefined, path: string, errors: Errors) {
  names?.forEach((name, i) => {
    if (!model.propertyNames.has(name)) {
      errors.push({ property: `${path}[${i}]`, errorMessage: `${model.definition.name} has no property ${name}` });
    }
  });
}

function checkParts(model: RegisteredModel | undefined, modelName: string, parts: Parts, path: string, errors: Errors) {
  const search = parts.searchCriteria;
  checkModelName(search?.model, modelName, `${path}searchCriteria.model`, errors);
  checkModelName(parts.model, modelName, `${path}model`, errors);
  if (!model) return;
  checkValues(model, search?.model, `${path}searchCriteria.model`, errors, false);
  checkValues(model, parts.model, `${path}model`, errors, true);
  checkNames(model, search?.sortProperties.map((s) => s.property), `${path}searchCriteria.sortProperties`, errors);
  checkNames(model, parts.propertiesToReturn, `${path}propertiesToReturn`, errors);
}

function checkRelated(
  models: ModelRegistry,
  parent: RegisteredModel | undefined,
  allowed: readonly RelatedOperationName[],
  related: readonly CommerceRelatedOperation<object>[],
  path: string,
  errors: Errors,
) {
  related.forEach((op, i) => {
    const at = `${path}relatedOperations[${i}].`;
    if (!allowed.includes(op.operation)) {
      errors.push({ property: `${at}operation`, errorMessage: `${op.operation} is not allowed here; allowed: ${allowed.join(', ')}` });
      return;
    }
    if (!parent) return;
    const relationship = relationshipNamed(parent.definition, op.relationshipName);
    if (!relationship) {
      const known = Object.keys(parent.definition.relationships).join(', ') || 'none';
      errors.push({
        property: `${at}relationshipName`,
        errorMessage: `${parent.definition.name} has no relationship ${op.relationshipName}; it has ${known}`,
      });
      return;
    }
    const modelName = op.modelName ?? relationship.modelName;
    if (modelName !== relationship.modelName) {
      errors.push({ property: `${at}modelName`, errorMessage: `${op.relationshipName} holds ${relationship.modelName}, not ${modelName}` });
    }
    checkParts(models.get(relationship.modelName), relationship.modelName, op as Parts, at, errors);
    checkRelated(models, models.get(relationship.modelName), ['CommerceQueryRelatedItem'], op.relatedOperations, at, errors);
  });
}

/** Every problem of an operation, found before any component runs and before any SQL is sent. */
export function validateOperation(operation: CommerceOperation<object>, models: ModelRegistry): ValidationError[] {
  if (!isCleanOperation(operation, operationLevel)) {
    const unsafe = inputErrors(operation, '', operationLevel);
    if (unsafe.length) return unsafe;
    const shape = operationJsonSchema.safeParse(operation);
    if (!shape.success) return validationErrorsFromZod(shape.error);
  }
  const errors: Errors = [];
  const model = models.get(operation.modelName);
  checkParts(model, operation.modelName, operation as Parts, '', errors);
  checkRelated(models, model, relatedAllowed[operation.operation], operation.relatedOperations, '', errors);
  const rule = model?.definition.rules?.[operation.operation];
  if (errors.length === 0 && rule) errors.push(...rule(operation));
  return errors;
}
