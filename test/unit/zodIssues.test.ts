import { z } from 'zod';
import { databaseConfigSchema } from '../../src/config/databaseConfigSchema.js';
import { zodIssues } from '../../src/util/zodIssues.js';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const result = z.strictObject({ database: schema }).safeParse({ database: input });
  if (result.success) throw new Error('expected a failure');
  return zodIssues(result.error, 'options');
};

describe('zod issues of a union', () => {
  it('name what failed in the one branch the value was meant for, not "Invalid input"', () => {
    expect(issuesOf(databaseConfigSchema, { client: 'sqlite', filename: 'x.sqlite', synchronous: 'off' })).toEqual([
      { path: 'options.database.synchronous', message: 'Invalid option: expected one of "full"|"normal"' },
    ]);
    expect(issuesOf(databaseConfigSchema, { client: 'sqlite' })).toEqual([{ path: 'options.database.filename', message: 'Invalid input: expected string, received undefined' }]);
    expect(issuesOf(databaseConfigSchema, { client: 'mysql', connection: { host: 1 } })).toEqual([
      { path: 'options.database.connection.host', message: 'Invalid input: expected string, received number' },
    ]);
  });

  it('name the types a union takes when the value is of none of them', () => {
    expect(issuesOf(databaseConfigSchema, 42)).toEqual([{ path: 'options.database', message: 'expected string or object, received number' }]);
  });

  it('keep the union message when more than one branch took the value', () => {
    const either = z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.number() })]);
    const issues = issuesOf(either, { c: 1 });
    expect(issues).toEqual([{ path: 'options.database', message: 'Invalid input' }]);
  });
});
