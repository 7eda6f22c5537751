import type { CompiledProperty } from '../../src/profiles/definitions/CompiledDefinition.js';
import type { ModelPropertyFile } from '../../src/models/files/modelFileSchema.js';
import { ModelRegistry } from '../../src/models/ModelRegistry.js';
import { z } from 'zod';
import { sureCheckOf, valueSchema } from '../../src/models/validation/valueSchema.js';

const property = (type: CompiledProperty['type'], extra: Partial<CompiledProperty> = {}): CompiledProperty => ({
  name: 'GeneralInfo.p',
  type,
  column: 'p',
  keys: new Set(),
  isKey: false,
  immutable: false,
  required: false,
  maxLength: undefined,
  references: undefined,
  multiValued: false,
  indexed: false,
  linkTable: undefined,
  ...extra,
});

const spec = (constraints: Partial<ModelPropertyFile> = {}) => ({ profile: 'GeneralInfo.p', ...constraints });

/** Every kind of schema valueSchema makes, with the constraints a model file may give. */
const cases: { name: string; schema: z.ZodType }[] = [
  { name: 'text', schema: valueSchema(property('string'), spec()) },
  { name: 'a key (not empty)', schema: valueSchema(property('string', { isKey: true, maxLength: 8 }), spec()) },
  { name: 'text of 3 to 5 characters', schema: valueSchema(property('string'), spec({ minLength: 3, maxLength: 5 })) },
  { name: 'text of at least 1 character', schema: valueSchema(property('string'), spec({ minLength: 1 })) },
  { name: 'text of at least 2 characters', schema: valueSchema(property('string'), spec({ minLength: 2, maxLength: 4 })) },
  { name: 'text matching a pattern', schema: valueSchema(property('string'), spec({ pattern: '[A-Z]{2}' })) },
  { name: 'an email address', schema: valueSchema(property('string', { maxLength: 64 }), spec({ format: 'email' })) },
  { name: 'a number', schema: valueSchema(property('number'), spec()) },
  { name: 'a whole number', schema: valueSchema(property('number'), spec({ integer: true })) },
  { name: 'a whole number from 1 to 12', schema: valueSchema(property('number'), spec({ integer: true, minimum: 1, maximum: 12 })) },
  { name: 'a number of at least -0.5', schema: valueSchema(property('number'), spec({ minimum: -0.5 })) },
  { name: 'a boolean', schema: valueSchema(property('boolean'), spec()) },
  { name: 'one of some texts', schema: valueSchema(property('string'), spec({ enum: ['a', 'b', 'toString'] })) },
  { name: 'one of some numbers and a boolean', schema: valueSchema(property('number'), spec({ enum: [1, 2.5, true] })) },
  { name: 'one number', schema: valueSchema(property('number'), spec({ enum: [0] })) },
  { name: 'a reference by text', schema: valueSchema(property('profile', { references: 'A' }), spec(), property('string', { maxLength: 6 })) },
  { name: 'a reference by number', schema: valueSchema(property('profile', { references: 'A' }), spec(), property('number')) },
];

const texts = ['', 'a', 'b', 'ab', 'abc', 'abcde', 'abcdef', 'AB', 'ABC', 'Ab', 'toString', 'constructor', '😀', '😀😀', '😀😀😀', 'a😀', '😀😀😀😀😀', 'é', 'e\u0301', '\u00a0', ' ', 'x'.repeat(255), 'x'.repeat(256), 'x'.repeat(300)];
const emails = ['a@b.co', 'ann@example.com', 'ann.lee+x@mail.example.org', 'a@b', '@b.co', 'a@@b.co', 'a b@c.co', 'a@b.c', 'ann@exa_mple.com', '.a@b.co', 'a.@b.co', `${'x'.repeat(60)}@b.co`, 'ÅSA@b.co'];
const numbers = [0, -0, 1, 12, 13, 0.5, -0.5, -0.6, 1.5, 2.5, -1, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity];
const others = [true, false, null, undefined, {}, [], ['a'], new Date(0), 1n, Symbol('s'), () => 1, Object('a'), Object(1)];
const values: unknown[] = [...texts, ...emails, ...numbers, ...others];

describe('the sure checks of model value schemas', () => {
  test.each(cases)('$name: never accepts what the schema refuses, and accepts what it is made for', ({ schema }) => {
    const check = sureCheckOf(schema);
    expect(check).toBeDefined();
    let accepted = 0;
    for (const value of values) {
      if (!check?.(value)) continue;
      accepted++;
      expect({ value, accepted: schema.safeParse(value).success }).toEqual({ value, accepted: true });
    }
    // Not a check that is never sure: it is there to spare zod the common values.
    expect(accepted).toBeGreaterThan(0);
  });

  test('kinds left to zod have none: datetimes and card numbers', () => {
    expect(sureCheckOf(valueSchema(property('datetime'), spec()))).toBeUndefined();
    expect(sureCheckOf(valueSchema(property('string'), spec({ sensitive: 'cardNumber' })))).toBeUndefined();
  });

  test("a registered model checks each value with its sure check, then its schema, as its values schema would", () => {
    const schemas = Object.fromEntries(cases.map(({ schema }, i) => [`p${String(i)}`, schema]));
    const registry = new ModelRegistry([{ name: 'M', schema: z.object({ ...schemas, when: z.iso.datetime() }), relationships: {} }]);
    const model = registry.get('M');
    if (!model) throw new Error('not registered');
    for (const [key, check] of model.valueChecks) {
      for (const value of values) {
        expect({ key, value, check: check(value) }).toEqual({ key, value, check: model.valuesSchema.safeParse({ [key]: value }).success });
      }
    }
    expect(model.valueChecks.get('when')?.('2026-12-02T10:00:00Z')).toBe(true);
  });

  test('the values a Create or an Update writes: a clearable property takes null as its write schema does, the others as in a search', () => {
    const schemas = Object.fromEntries(cases.map(({ schema }, i) => [`p${String(i)}`, schema]));
    const clearable = ['p0', 'p7', 'when'];
    const registry = new ModelRegistry([{ name: 'M', schema: z.object({ ...schemas, when: z.iso.datetime() }), relationships: {}, clearable }]);
    const model = registry.get('M');
    if (!model) throw new Error('not registered');
    for (const [key, check] of model.writeChecks) {
      for (const value of values) {
        expect({ key, value, check: check(value) }).toEqual({ key, value, check: model.writeSchema.safeParse({ [key]: value }).success });
      }
      expect({ key, takesNull: check(null) }).toEqual({ key, takesNull: clearable.includes(key) });
      expect(model.valueChecks.get(key)?.(null)).toBe(false);
    }
  });
});
