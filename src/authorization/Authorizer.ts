import type { ModelMapping, EntityValues } from '../models/mapping/ModelMapping.js';
import type { Models } from '../models/Models.js';
import type { CommerceOperation } from '../requests/CommerceOperation.js';
import type { RequestContext } from '../requests/RequestContext.js';
import type { ProfileContext } from '../profiles/runtime/ProfileContext.js';
import type { AuthorizationConfig, AuthorizationRule } from './authorizationConfigSchema.js';
import type { AuthorizationDecision } from './AuthorizationDecision.js';
import { ScopeCheck } from './ScopeCheck.js';

type Parts = { model?: EntityValues };

const given = (values: EntityValues | undefined) => Object.keys(values ?? {}).filter((key) => key !== 'modelName' && values?.[key] !== undefined);

function applies(rule: AuthorizationRule, operation: CommerceOperation<object>, roles: readonly string[]): boolean {
  return (
    (rule.model === '*' || rule.model === operation.modelName) &&
    (rule.operations.includes('*') || rule.operations.includes(operation.operation)) &&
    (rule.roles.includes('*') || rule.roles.some((role) => roles.includes(role)))
  );
}

/** Why the rule does not let the operation write what it writes, if it does not. */
function unwritable(rule: AuthorizationRule, operation: CommerceOperation<object>): string | undefined {
  if (!rule.writableProperties || (operation.operation !== 'CommerceCreate' && operation.operation !== 'CommerceUpdate')) return undefined;
  // A new entity's id is how it is named (and `scope` checks it): never a property the rule must list.
  const allowed = new Set([...rule.writableProperties, ...(operation.operation === 'CommerceCreate' ? ['id'] : [])]);
  const refused = given((operation as Parts).model).filter((property) => !allowed.has(property));
  return refused.length ? `the rule does not let the caller write ${refused.join(', ')}` : undefined;
}

/**
 * Decides, by the rules of config/authorization.json, whether a caller may run an operation: some rule for its model,
 * operation and one of the caller's roles must allow it, within its scope. Rules without a scope are tried first, as
 * they need no SQL; a scope reads at most the caller (by primary key, through the cache) and the one entity named.
 */
export class Authorizer {
  private readonly callerMapping: ModelMapping | undefined;

  constructor(
    private readonly config: AuthorizationConfig,
    private readonly models: Models,
  ) {
    this.callerMapping = models.find(config.callerModel);
  }

  async decide(operation: CommerceOperation<object>, requestContext: RequestContext, profiles: ProfileContext, lock: boolean): Promise<AuthorizationDecision> {
    const roles = requestContext.roles ?? [];
    const matching = this.config.rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => applies(rule, operation, roles));
    if (matching.length === 0) {
      const who = roles.length ? `the roles ${roles.join(', ')}` : 'a caller with no roles';
      return { allowed: false, reason: `no rule lets ${who} run ${operation.operation} on ${operation.modelName}` };
    }
    const ordered = [...matching.filter(({ rule }) => rule.scope === undefined), ...matching.filter(({ rule }) => rule.scope !== undefined)];
    let refusal: AuthorizationDecision | undefined;
    const scope = new ScopeCheck(operation, requestContext, profiles, lock, this.models, this.callerMapping);
    for (const { rule, index } of ordered) {
      const reason = unwritable(rule, operation) ?? (rule.scope === undefined ? undefined : await scope.refusal(rule));
      if (reason === undefined) return { allowed: true, rule: index, reason: `rules[${index}] allows it` };
      refusal ??= { allowed: false, rule: index, reason: `rules[${index}]: ${reason}` };
    }
    return refusal ?? { allowed: false, reason: 'no rule allows it' };
  }
}
