import type { ConfigurationProblem } from '../errors/ConfigurationError.js';
import type { ModelMapping } from '../models/mapping/ModelMapping.js';
import type { Models } from '../models/Models.js';
import { didYouMean } from '../util/closestNames.js';
import type { AuthorizationConfig, AuthorizationRule } from './authorizationConfigSchema.js';
import { authorizationConfigFile } from './readAuthorizationConfig.js';

type Report = (path: string, message: string) => void;

function checkProperties(mapping: ModelMapping, names: readonly string[], path: string, report: Report): void {
  const known = Object.keys(mapping.properties);
  names.forEach((name, i) => {
    if (!Object.hasOwn(mapping.properties, name)) report(`${path}[${i}]`, `${mapping.modelName} has no property ${name}.${didYouMean(name, known)}`);
  });
}

function checkProperty(mapping: ModelMapping, name: string, path: string, report: Report): void {
  if (!Object.hasOwn(mapping.properties, name)) report(path, `${mapping.modelName} has no property ${name}.${didYouMean(name, Object.keys(mapping.properties))}`);
}

function checkScope(rule: AuthorizationRule, at: string, config: AuthorizationConfig, mapping: ModelMapping, models: Models, report: Report): void {
  const caller = models.find(config.callerModel);
  if (!caller) return; // reported once, for the file
  if (rule.scopeProperty === undefined) {
    if (rule.model !== config.callerModel) report(`${at}.scope`, `scope "self" without scopeProperty reaches only the caller's own ${config.callerModel}; give scopeProperty for ${rule.model}`);
    return;
  }
  checkProperty(mapping, rule.scopeProperty, `${at}.scopeProperty`, report);
  if (rule.callerProperty !== undefined) checkProperty(caller, rule.callerProperty, `${at}.callerProperty`, report);
  else if (caller !== mapping) checkProperty(caller, rule.scopeProperty, `${at}.scopeProperty`, report);
}

function checkRule(rule: AuthorizationRule, at: string, config: AuthorizationConfig, models: Models, knownModels: ReadonlySet<string>, report: Report): void {
  if (rule.model !== '*' && !knownModels.has(rule.model)) report(`${at}.model`, `no model is named ${rule.model}.${didYouMean(rule.model, knownModels)}`);
  if (rule.scope === undefined) {
    if (rule.scopeProperty !== undefined) report(`${at}.scopeProperty`, 'needs scope: "self"');
    if (rule.callerProperty !== undefined) report(`${at}.callerProperty`, 'needs scope: "self" and scopeProperty');
  } else if (rule.callerProperty !== undefined && rule.scopeProperty === undefined) report(`${at}.callerProperty`, 'needs scopeProperty');
  const needsModel = rule.scope !== undefined || rule.writableProperties !== undefined;
  if (!needsModel) return;
  if (rule.model === '*') {
    report(`${at}.model`, 'a rule with scope or writableProperties names one model, not *');
    return;
  }
  const mapping = models.find(rule.model);
  if (!mapping) {
    if (knownModels.has(rule.model)) report(`${at}.model`, `${rule.model} is no model stored in profiles: scope and writableProperties need its properties`);
    return;
  }
  if (rule.writableProperties) checkProperties(mapping, rule.writableProperties, `${at}.writableProperties`, report);
  if (rule.scope !== undefined) checkScope(rule, at, config, mapping, models, report);
}

/** What is wrong with the rules beyond their shape: models and properties they name that do not exist. */
export function checkAuthorizationConfig(config: AuthorizationConfig, models: Models, knownModels: ReadonlySet<string>): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  const report: Report = (path, message) => problems.push({ file: authorizationConfigFile, path, message });
  if (config.rules.some((rule) => rule.scope !== undefined) && !models.find(config.callerModel)) {
    report('callerModel', `${config.callerModel}, the caller model that scope needs, is no model stored in profiles`);
  }
  config.rules.forEach((rule, i) => checkRule(rule, `rules[${i}]`, config, models, knownModels, report));
  return problems;
}
