import { distinct } from '../../src/util/distinct.js';

describe('distinct', () => {
  test('answers each value once, in first-seen order, for short and long lists alike', () => {
    expect(distinct(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
    expect(distinct([1, '1', 1])).toEqual([1, '1']);
    const long = Array.from({ length: 40 }, (_, i) => i % 25);
    expect(distinct(long)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  test('a short list without repeats comes back as it is (no copy made)', () => {
    const keys = ['a', 'b', 'c'];
    expect(distinct(keys)).toBe(keys);
    expect(distinct([])).toEqual([]);
  });
});
