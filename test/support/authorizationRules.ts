/** The rules the authorization suites run on: a customer reaches only itself, an orgAdmin its organization's users, admin everything. */
export const authorizationRules = {
  rules: [
    { model: 'UserProfile', operations: ['CommerceQuery'], roles: ['customer'], scope: 'self' },
    { model: '*', operations: ['*'], roles: ['admin'] },
    { model: 'UserProfile', operations: ['CommerceUpdate'], roles: ['customer'], scope: 'self', writableProperties: ['email', 'firstName', 'lastName', 'telephone'] },
    { model: 'Organization', operations: ['CommerceQuery'], roles: ['customer', 'orgAdmin'], scope: 'self', scopeProperty: 'id', callerProperty: 'organizationId' },
    { model: 'UserProfile', operations: ['CommerceQuery', 'CommerceUpdate', 'CommerceDelete'], roles: ['orgAdmin'], scope: 'self', scopeProperty: 'organizationId' },
    { model: 'UserProfile', operations: ['CommerceCreate'], roles: ['*'], scope: 'self', writableProperties: ['email', 'firstName', 'lastName'] },
  ],
};
