import { inputErrors, maxRequestDepth } from '../../src/requests/inputErrors.js';

const unicode = (property: string) => ({ property, errorMessage: expect.stringMatching(/not well-formed Unicode/) as unknown });

describe('the walk of a request for what no request may hold', () => {
  test('well-formed text passes, astral characters (surrogate pairs) included', () => {
    expect(inputErrors({ a: 'Ann 😀', b: ['𝄞', { c: '' }], '😀': 1 }, '', 1)).toEqual([]);
  });

  test('every lone surrogate is found, high or low, alone, at an end or in reversed order, each at its own path', () => {
    const value = {
      first: 'x\uD800',
      list: ['ok', '\uDC00y', { deep: ['fine', 'z\uDC00\uD800'] }],
      after: 'ok',
      last: '\uD83D',
    };
    expect(inputErrors(value, 'model', 3)).toEqual([
      unicode('model.first'),
      unicode('model.list[1]'),
      unicode('model.list[2].deep[1]'),
      unicode('model.last'),
    ]);
  });

  test('paths of siblings after an error are their own: the walk leaves no segment behind', () => {
    const value = JSON.parse('{"a":{"b":["\\ud800"],"__proto__":{}},"c":{"d":"\\udfff"},"\\ud800":1}') as unknown;
    expect(inputErrors(value, '', 1)).toEqual([
      unicode('a.b[0]'),
      { property: 'a.__proto__', errorMessage: '__proto__ cannot be a property name' },
      unicode('c.d'),
      { property: '', errorMessage: expect.stringMatching(/property name that is not well-formed/) as unknown },
    ]);
  });

  test(`nesting deeper than ${maxRequestDepth} levels is named at the first level too deep`, () => {
    let value: unknown = 'leaf';
    for (let i = 0; i <= maxRequestDepth; i++) value = [value];
    expect(inputErrors(value, 'x', 1)).toEqual([{ property: `x${'[0]'.repeat(maxRequestDepth)}`, errorMessage: expect.stringMatching(/deeper than/) as unknown }]);
    expect(inputErrors(value, 'x', 0)).toEqual([]);
  });
});
