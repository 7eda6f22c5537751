import { flatMap } from '../../src/util/flatMap.js';

describe('flatMap', () => {
  test('answers what Array.prototype.flatMap answers: arrays flattened one level, single values kept, indexes passed', () => {
    const items = ['a', 'b', 'c'];
    const each = (item: string, index: number): string | string[] | (string | string[])[] => (index === 0 ? item : index === 1 ? [item, item] : [[item]]);
    expect(flatMap(items, each)).toEqual(items.flatMap(each));
    expect(flatMap(items, each)).toEqual(['a', 'b', 'b', ['c']]);
    expect(flatMap([], () => [1])).toEqual([]);
  });

  test('takes any iterable (a Set, a Map’s entries) and always answers a new array', () => {
    expect(flatMap(new Set([1, 2]), (n) => [n, n * 10])).toEqual([1, 10, 2, 20]);
    expect(flatMap(new Map([['x', [1, 2]]]), ([key, values]) => values.map((v) => `${key}${String(v)}`))).toEqual(['x1', 'x2']);
    const one = [[1]];
    expect(flatMap(one, (inner) => inner)).not.toBe(one[0]);
  });
});
