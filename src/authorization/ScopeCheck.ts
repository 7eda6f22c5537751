import { CommerceFault } from '../faults/CommerceFault.js';
import type { ProfileContext } from '../profiles/runtime/ProfileContext.js';
import { mappedProperty, relationshipOf, type EntityValues, type ModelMapping } from '../models/mapping/ModelMapping.js';
import { referencedKeys } from '../profiles/definitions/CompiledDefinition.js';
import type { ProfileRecord } from '../profiles/store/ProfileRecord.js';
import type { Models } from '../models/Models.js';
import type { CommerceModelSearch } from '../requests/CommerceModelSearch.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { RequestContext } from '../requests/RequestContext.js';
import type { AuthorizationRule } from './authorizationConfigSchema.js';

type Parts = { searchCriteria?: CommerceModelSearch<EntityValues>; model?: EntityValues };

/** An entity read for a scope check: its values, and the record they came from (its relationships' items). */
interface Found {
  readonly values: EntityValues;
  readonly record: ProfileRecord;
}

/** A related item's reference behind no relationship (a card's `billingAddressId`): where it is, and what it names. */
interface RelatedReference {
  readonly path: string;
  readonly profileType: string;
  readonly value: unknown;
}

const isSet = (value: unknown) => value !== undefined && value !== null;

/**
 * The scope checks of one operation against one caller. What they read — the caller, by primary key through the
 * cache, and the one entity the operation names when the scope is on a property its search does not give — is read
 * once and kept for the other rules. A refusal says what is wrong by property names, never by values, and says the
 * same whether or not the entity named exists.
 */
export class ScopeCheck {
  private caller: Promise<Found | undefined> | undefined;
  private readonly targets = new Map<string, Promise<Found | undefined>>();
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
    const refused = rule.scopeProperty === undefined ? await this.selfRefusal(userId) : await this.propertyRefusal(rule.scopeProperty, rule.callerProperty ?? rule.scopeProperty);
    return refused ?? this.referenceRefusal(rule);
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
    const named = this.lock ? (await this.target(key, search[key]))?.values['id'] === userId : (await this.callerValues())?.values[key] === search[key];
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
    const own = (await this.callerValues())?.values[callerProperty];
    if (!isSet(own)) return `the caller has no ${callerProperty}`;
    const { model, searchCriteria } = this.operation as unknown as Parts;
    if (this.operation.operation === 'CommerceCreate') return model?.[scopeProperty] === own ? undefined : `a new ${name} must have the caller's ${callerProperty} as its ${scopeProperty}`;
    // null too: clearing it would move the entity out of the caller's reach.
    if (this.operation.operation === 'CommerceUpdate' && model?.[scopeProperty] !== undefined && model[scopeProperty] !== own) return `the caller may not move a ${name} to another ${scopeProperty}`;
    const search = searchCriteria?.model ?? {};
    if (isSet(search[scopeProperty])) return search[scopeProperty] === own ? undefined : outside;
    const key = this.givenKey(search);
    if (key === undefined) return `a scoped search gives ${scopeProperty} or a key (${this.keyNames().join(', ')})`;
    const target = await this.target(key, search[key]);
    return target !== undefined && target.values[scopeProperty] === own ? undefined : outside;
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

  /**
   * A related item's reference behind no relationship (a card's `billingAddressId`) may name only an item the scoped
   * entity holds through one of its relationships (one of its own addresses), or one this request creates with that
   * id: otherwise a caller could bind its card to another user's address, which that user could then never delete.
   * The entity is the one the scope allowed: the caller under "self", the entity its key names under `scopeProperty`,
   * none in a Create (only what the request creates). Read only when some related item gives such a reference.
   */
  private async referenceRefusal(rule: AuthorizationRule): Promise<string | undefined> {
    const mapping = this.mapping as ModelMapping;
    const references: RelatedReference[] = [];
    const created = new Set<string>();
    this.collect(mapping, references, created);
    const outside = references.filter((r) => !created.has(itemId(r.profileType, r.value)));
    if (outside.length === 0) return undefined;
    const parent = await this.scopedEntity(rule);
    const held = new Set<string>();
    for (const relationship of Object.values(mapping.relationships)) {
      for (const key of referencedKeys(parent?.record[relationship.profileProperty])) held.add(itemId(relationship.model.profileType, key));
    }
    const stray = outside.find((r) => !held.has(itemId(r.profileType, r.value)));
    return stray && `${stray.path} may name only an item the ${this.operation.modelName} holds or this request creates`;
  }

  /**
   * The related operations' references behind no relationship, and the items they create by id. Only the first level
   * can write: validation allows nothing but related Queries below it, and it runs before any step.
   */
  private collect(owner: ModelMapping, references: RelatedReference[], created: Set<string>): void {
    this.operation.relatedOperations.forEach((related, index) => {
      const at = `relatedOperations[${index}]`;
      const relationship = relationshipOf(owner, related.relationshipName);
      if (!relationship) return;
      const model = (related.modelName === undefined ? undefined : this.models.find(related.modelName)) ?? relationship.model;
      const values = (related as unknown as Parts).model ?? {};
      if (related.operation === 'CommerceCreateRelatedItem' && isSet(values['id'])) created.add(itemId(model.profileType, values['id']));
      if (related.operation === 'CommerceCreateRelatedItem' || related.operation === 'CommerceUpdateRelatedItem') {
        for (const [property, value] of Object.entries(values)) {
          const target = mappedProperty(model, property);
          if (target?.references === undefined || target.relationship !== undefined) continue;
          for (const named of Array.isArray(value) ? (value as unknown[]) : [value]) {
            if (isSet(named)) references.push({ path: `${at}.model.${property}`, profileType: target.references, value: named });
          }
        }
      }
    });
  }

  /** The entity a scoped rule allowed: the caller under "self"; under `scopeProperty` the one a key of its search names. */
  private scopedEntity(rule: AuthorizationRule): Promise<Found | undefined> {
    if (this.operation.operation === 'CommerceCreate') return Promise.resolve(undefined);
    if (rule.scopeProperty === undefined) return this.callerValues();
    const search = (this.operation as unknown as Parts).searchCriteria?.model ?? {};
    const key = this.givenKey(search);
    return key === undefined ? Promise.resolve(undefined) : this.target(key, search[key]);
  }

  private callerValues(): Promise<Found | undefined> {
    const { userId } = this.requestContext;
    if (!this.callerMapping || userId === undefined) return Promise.resolve(undefined);
    this.caller ??= this.read(this.callerMapping, this.callerMapping.properties['id']?.profile, userId, false);
    return this.caller;
  }

  private target(key: string, value: unknown): Promise<Found | undefined> {
    const mapping = this.mapping as ModelMapping;
    let found = this.targets.get(key);
    if (!found) {
      found = this.read(mapping, mappedProperty(mapping, key)?.profile, value, this.lock);
      this.targets.set(key, found);
    }
    return found;
  }

  /** The entity whose key is `value`; none when there is none, or when the value could name none (a fault of its own). */
  private async read(mapping: ModelMapping, keyName: string | undefined, value: unknown, lock: boolean): Promise<Found | undefined> {
    if (keyName === undefined || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
    try {
      const profile = await this.profiles.getProfile(keyName, value, mapping.profileType, lock ? { lock: 'update' } : {});
      if (!profile) return undefined;
      const record = profile.storedRecord();
      return { values: this.models.mapper.toEntity(mapping, record), record };
    } catch (error) {
      // A key value the key could not hold (too long, of another type) names no entity; anything else is no answer.
      if (error instanceof CommerceFault && error.faultName === 'ValidationFault') return undefined;
      throw error;
    }
  }
}

/** An item by its profile type and key, as one string (a number key and its text name the same item). */
const itemId = (profileType: string, key: unknown): string => `${profileType}\u0000${String(key)}`;
