import { isoText } from '../../src/util/isoText.js';

describe('isoText', () => {
  test('answers what toISOString answers, for times that share a slot and times asked for again', () => {
    const times = [0, 1, 512, 1024, -1, -512, 1_764_000_000_000, 1_764_000_000_512, 8_640_000_000_000_000, -62_198_755_200_000];
    for (let pass = 0; pass < 2; pass++) for (const time of times) expect(isoText(new Date(time))).toBe(new Date(time).toISOString());
  });

  test('a Date changed after it was asked for answers the text of its new time', () => {
    const date = new Date('2026-12-01T10:00:00.000Z');
    expect(isoText(date)).toBe('2026-12-01T10:00:00.000Z');
    date.setTime(date.getTime() + 512);
    expect(isoText(date)).toBe('2026-12-01T10:00:00.512Z');
  });

  test('an invalid date throws, as toISOString does, and keeps throwing', () => {
    expect(() => isoText(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => isoText(new Date(Number.NaN))).toThrow(RangeError);
    expect(isoText(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});
