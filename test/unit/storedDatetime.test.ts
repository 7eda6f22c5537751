import { storedDatetime } from '../../src/profiles/store/columnValues.js';

/** How a stored datetime's text was read before storedDatetime: Date's parser, MySQL's form as UTC. */
const byDateParser = (text: string) => new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text);

const same = (text: string) => {
  const expected = byDateParser(text).getTime();
  const got = storedDatetime(text).getTime();
  if (Number.isNaN(expected)) expect(got).toBeNaN();
  else expect({ text, time: got }).toEqual({ text, time: expected });
};

describe('storedDatetime', () => {
  test("reads SQLite's ISO text and MySQL's JSON text as UTC, to the millisecond", () => {
    expect(storedDatetime('2026-11-21T10:00:00.000Z').toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(storedDatetime('2026-11-21 10:00:00.123456').toISOString()).toBe('2026-11-21T10:00:00.123Z');
    expect(storedDatetime('2026-11-21 23:59:59').toISOString()).toBe('2026-11-21T23:59:59.000Z');
  });

  test("answers what Date's parser answered for every form, the fast ones and all others", () => {
    const forms = [
      '2026-11-21T10:00:00.000Z', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00.5Z', '2026-11-21T10:00:00.12Z', '1999-12-31T23:59:59.999Z',
      '2026-11-21 10:00:00', '2026-11-21 10:00:00.1', '2026-11-21 10:00:00.123456', '2024-02-29 12:00:00', '1970-01-01 00:00:00.000000',
      // a T without Z is local time to Date's parser; a space with Z, offsets, impossible dates and junk go to it too
      '2026-11-21T10:00:00.000', '2026-11-21 10:00:00Z', '2026-11-21T10:00:00+02:00', '2026-02-30 10:00:00', '2026-13-01 10:00:00',
      '2026-11-21 24:00:00', '2026-11-21 10:60:00', '0099-11-21T10:00:00.000Z', '2026-11-21', 'soon', '', '2026-1x-21 10:00:00',
      '+012026-11-21T10:00:00.000Z', '2026-11-21T10:00:00.1234567890Z', '2026-11-21 10:00:00.', '2026-11-21T10:00:00.Z',
      '0500-03-01T12:00:00.000Z', '1600-02-29 00:00:00', '1900-02-29 00:00:00', '2000-02-29T00:00:00.000Z', '9999-12-31 23:59:59.999999',
    ];
    for (const text of forms) same(text);
  });

  test('the same text read twice in a row answers a Date of its own each time, and the next text is read anew', () => {
    const first = storedDatetime('2026-11-21T10:00:00.000Z');
    const again = storedDatetime('2026-11-21T10:00:00.000Z');
    expect(again).not.toBe(first);
    first.setUTCFullYear(1999);
    expect(storedDatetime('2026-11-21T10:00:00.000Z').toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(storedDatetime('2026-11-21T10:00:00.001Z').toISOString()).toBe('2026-11-21T10:00:00.001Z');
    // a text that goes to Date's parser after one that did not
    same('2026-11-21T10:00:00.001');
    expect(storedDatetime('2026-11-21 10:00:00.002').toISOString()).toBe('2026-11-21T10:00:00.002Z');
    same('2026-11-21 10:00:00Z');
    expect(storedDatetime('2026-11-21 10:00:00.002').toISOString()).toBe('2026-11-21T10:00:00.002Z');
  });

  test('agrees with toISOString for times across four centuries', () => {
    for (let time = Date.UTC(1900, 0, 1); time < Date.UTC(2300, 0, 1); time += 86_399_937 * 97) {
      const iso = new Date(time).toISOString();
      expect(storedDatetime(iso).getTime()).toBe(time);
      same(iso.replace('T', ' ').replace('Z', ''));
    }
  });
});
