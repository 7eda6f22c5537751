import { z } from 'zod';

export const filterOperators = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'startsWith', 'contains', 'isNull'] as const;
export type FilterOperator = (typeof filterOperators)[number];

/** A value a condition compares with: text (datetimes as ISO 8601 text), a number, a boolean, or a list of them for `in`. */
export type FilterValue = string | number | boolean | readonly (string | number | boolean)[];

/** One property compared with a value; `isNull` takes `true` (the default: no value) or `false` (a value). */
export interface FilterCondition {
  property: string;
  op: FilterOperator;
  value?: FilterValue;
}

/** A search filter: conditions combined by `all` (and), `any` (or) and `not`. */
export type SearchFilter = FilterCondition | { all: SearchFilter[] } | { any: SearchFilter[] } | { not: SearchFilter };

/** How many levels a filter may nest (a condition alone is level 1): deeper trees are refused before any SQL. */
export const maxFilterDepth = 6;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const conditionSchema = z.strictObject({
  property: z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,127}$/, 'must be a property name'),
  op: z.enum(filterOperators),
  value: z.union([scalar, z.array(scalar)]).optional(),
});

/** The JSON form of a filter, as requests, the JSON Schema and the OpenAPI document give it. */
export const searchFilterSchema: z.ZodType<SearchFilter> = z.lazy(() =>
  z.union([
    conditionSchema,
    z.strictObject({ all: z.array(searchFilterSchema).min(1, 'needs at least one filter') }),
    z.strictObject({ any: z.array(searchFilterSchema).min(1, 'needs at least one filter') }),
    z.strictObject({ not: searchFilterSchema }),
  ]),
) as z.ZodType<SearchFilter>;
