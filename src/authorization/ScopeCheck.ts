import { CommerceFault } from '../faults/CommerceFault.js';
import type { ProfileContext } from '../profiles/runtime/ProfileContext.js';
import { mappedProperty, type EntityValues, type ModelMapping } from '../models/mapping/ModelMapping.js';
import type { Models } from '../models/Models.js';
import type { CommerceModelSearch } from '../requests/CommerceModelSearch.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { RequestContext } from '../requests/RequestContext.js';
import type { AuthorizationRule } from './authorizationConfigSchema.js';

type Parts = { searchCriteria?: CommerceModelSearch<EntityValues>; model?: EntityValues };

const isSet = (value: unknown) => value !== undefined && value !== null;

/**
 * The scope checks of one operation against one caller. What they read — the caller, by primary key through the
 * cache, and the one entity the operation names when the scope is on a property its search does not give — is read
 * once and kept for the other rules. A refusal says what is wrong by property names, never by values, and says the
 * same whether or not the entity named exists.
 */
export class ScopeCheck {
  private caller: Promise<EntityValues | undefined> | undefined;
  private readonly targets = new Map<string, Promise<EntityValues | undefined>>();
  private readonly mapping: ModelMapping | undefined;

  constructor(
    private readonly operation: CommerceOperation<object>,
    private readonly requestContext: RequestContext,
    private readonly profiles: ProfileContext,
    private readonly lock: boolean,
    private readonly models: Models,
    private readonly callerMapping: ModelMapping | undefined,
  ) {
    this.mapping = models.find(operation.modelName);
  }

  /** Why the scoped rule refuses the operation; undefined when it allows it. */
  async refusal(rule: AuthorizationRule): Promise<string | undefined> {
    const { userId } = this.requestContext;
    if (userId === undefined) return 'a scoped rule needs the caller: requestContext.userId is not set';
    if (!this.mapping) return `${this.operation.modelName} is no model stored in profiles`;
    const associated = this.associatedById();
    if (associated !== undefined) return `a scoped rule does not let the caller associate an existing item by id (${associated})`;
    return rule.scopeProperty === undefined ? this.selfRefusal(userId) : this.propertyRefusal(rule.scopeProperty, rule.callerProperty ?? rule.scopeProperty);
  }

  /** scope "self": the entity is the caller. A search names it by the caller's id, or by another of the caller's keys. */
  private async selfRefusal(userId: string): Promise<string | undefined> {
    const { model, searchCriteria } = this.operation as unknown as Parts;
    const name = this.operation.modelName;
    if (this.operation.operation === 'CommerceCreate') return model?.['id'] === userId ? undefined : `the caller may create only the ${name} whose id is its own userId`;
    const search = searchCriteria?.model ?? {};
    if (isSet(search['id'])) return search['id'] === userId ? undefined : `the search names another ${name} than the caller`;
    const key = this.givenKey(search);
    if (key === undefined) return `a scoped search names the caller by its id or another key (${this.keyNames().join(', ')})`;
    // A write reads the entity it names, locked, as its loader will (so no statement more): exact whatever the cache holds.
    const named = this.lock ? (await this.target(key, search[key]))?.['id'] === userId : (await this.callerValues())?.[key] === search[key];
    return named ? undefined : `the search names another ${name} than the caller`;
  }

  /**
   * `scopeProperty`: the entity's property equals the caller's own value of `callerProperty`. A search that gives that
   * property equal to the caller's value finds nothing else (every property given must match); a search by a key
   * reads the entity it names to compare.
   */
  private async propertyRefusal(scopeProperty: string, callerProperty: string): Promise<string | undefined> {
    const name = this.operation.modelName;
    const outside = `the ${name} named is not one whose ${scopeProperty} is the caller's ${callerProperty}`;
    const own = (await this.callerValues())?.[callerProperty];
    if (!isSet(own)) return `the caller has no ${callerProperty}`;
    const { model, searchCriteria } = this.operation as unknown as Parts;
    if (this.operation.operation === 'CommerceCreate') return model?.[scopeProperty] === own ? undefined : `a new ${name} must have the caller's ${callerProperty} as its ${scopeProperty}`;
    if (this.operation.operation === 'CommerceUpdate' && isSet(model?.[scopeProperty]) && model[scopeProperty] !== own) return `the caller may not move a ${name} to another ${scopeProperty}`;
    const search = searchCriteria?.model ?? {};
    if (isSet(search[scopeProperty])) return search[scopeProperty] === own ? undefined : outside;
    const key = this.givenKey(search);
    if (key === undefined) return `a scoped search gives ${scopeProperty} or a key (${this.keyNames().join(', ')})`;
    const target = await this.target(key, search[key]);
    return target !== undefined && target[scopeProperty] === own ? undefined : outside;
  }

  private keyNames(): string[] {
    return Object.entries(this.mapping?.properties ?? {}).filter(([, p]) => p.key).map(([name]) => name);
  }

  private givenKey(search: EntityValues): string | undefined {
    return this.keyNames().find((name) => isSet(search[name]));
  }

  /** A related Create whose model is only an id associates an item the caller may not own: where, if there is one. */
  private associatedById(): string | undefined {
    const index = this.operation.relatedOperations.findIndex((related) => {
      if (related.operation !== 'CommerceCreateRelatedItem') return false;
      const values = (related as unknown as Parts).model ?? {};
      return isSet(values['id']) && Object.keys(values).every((key) => key === 'id' || key === 'modelName' || values[key] === undefined);
    });
    return index < 0 ? undefined : `relatedOperations[${index}]`;
  }

  private callerValues(): Promise<EntityValues | undefined> {
    const { userId } = this.requestContext;
    if (!this.callerMapping || userId === undefined) return Promise.resolve(undefined);
    this.caller ??= this.read(this.callerMapping, this.callerMapping.properties['id']?.profile, userId, false);
    return this.caller;
  }

  private target(key: string, value: unknown): Promise<EntityValues | undefined> {
    const mapping = this.mapping as ModelMapping;
    let found = this.targets.get(key);
    if (!found) {
      found = this.read(mapping, mappedProperty(mapping, key)?.profile, value, this.lock);
      this.targets.set(key, found);
    }
    return found;
  }

  /** The entity whose key is `value`; none when there is none, or when the value could name none (a fault of its own). */
  private async read(mapping: ModelMapping, keyName: string | undefined, value: unknown, lock: boolean): Promise<EntityValues | undefined> {
    if (keyName === undefined || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
    try {
      const profile = await this.profiles.getProfile(keyName, value, mapping.profileType, lock ? { lock: 'update' } : {});
      return profile ? this.models.mapper.toEntity(mapping, profile.storedRecord()) : undefined;
    } catch (error) {
      // A key value the key could not hold (too long, of another type) names no entity; anything else is no answer.
      if (error instanceof CommerceFault && error.faultName === 'ValidationFault') return undefined;
      throw error;
    }
  }
}
