import { z } from 'zod';

const operationNames = ['CommerceCreate', 'CommerceQuery', 'CommerceUpdate', 'CommerceDelete'] as const;

export const authorizationRuleSchema = z
  .strictObject({
    model: z.string().min(1).describe('The model the rule is about (`UserProfile`), or `*` for every model.'),
    operations: z
      .array(z.enum([...operationNames, '*']))
      .min(1)
      .describe('The operations it allows: CommerceCreate, CommerceQuery, CommerceUpdate, CommerceDelete, or `*` for all four.'),
    roles: z
      .array(z.string().min(1))
      .min(1)
      .describe('The roles it allows (any one of them, from `requestContext.roles`); `*` allows every caller, one with no roles too.'),
    scope: z
      .literal('self')
      .optional()
      .describe("Only the caller's own: the entity whose `id` is `requestContext.userId` (the caller model), or with `scopeProperty`, entities whose property equals the caller's."),
    scopeProperty: z
      .string()
      .min(1)
      .optional()
      .describe("With `scope: \"self\"`: the entity property that must equal the caller's own value (`organizationId`)."),
    callerProperty: z
      .string()
      .min(1)
      .optional()
      .describe('With `scopeProperty`: the property of the caller it is compared with, when its name differs (Organization `id` ↔ the caller\'s `organizationId`); default the same name.'),
    writableProperties: z
      .array(z.string().min(1))
      .optional()
      .describe('For Create and Update: the only properties of the entity the rule lets the caller write (related items aside); absent, all.'),
    description: z.string().optional().describe('A note for readers; not used.'),
  })
  .describe('One rule: the callers with one of `roles` may run `operations` on `model`, within `scope` if given.');

export const authorizationConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    callerModel: z
      .string()
      .min(1)
      .default('UserProfile')
      .describe('The model whose entity with `id` = `requestContext.userId` is the caller, for `scope` (its properties are read once per caller and cached).'),
    rules: z
      .array(authorizationRuleSchema)
      .describe('An operation is allowed when any rule allows it; with the file present, everything else is refused with AuthorizationFault.'),
  })
  .describe('config/authorization.json: who may run which operation on which model.');

export type AuthorizationConfig = z.output<typeof authorizationConfigSchema>;
export type AuthorizationRule = z.output<typeof authorizationRuleSchema>;
