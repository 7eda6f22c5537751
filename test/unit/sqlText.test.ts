import { batches, placeholders } from '../../src/storage/dialects/sqlText.js';

describe('batches', () => {
  test('none for no items; one for items that bind fewer values than a statement takes', () => {
    expect(batches([], 5)).toEqual([]);
    expect(batches(['a', 'b', 'c'], 5)).toEqual([['a', 'b', 'c']]);
  });

  test('items binding more values than a statement takes (32,766) go in batches of as many as fit, in order', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const split = batches(items, 10);
    expect(split.map((batch) => batch.length)).toEqual([3276, 3276, 3276, 172]);
    expect(split.flat()).toEqual(items);
    expect(batches(items, 40_000).map((batch) => batch.length)).toEqual(new Array<number>(10_000).fill(1));
  });

  test('each batch is a list of its own', () => {
    const items = ['a', 'b'];
    const [batch] = batches(items, 1);
    expect(batch).toEqual(items);
    expect(batch).not.toBe(items);
  });
});

describe('placeholders', () => {
  test('one ? per value', () => {
    expect(placeholders(1)).toBe('?');
    expect(placeholders(3)).toBe('?, ?, ?');
  });
});
