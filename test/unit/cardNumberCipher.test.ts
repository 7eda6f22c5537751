import { randomBytes } from 'node:crypto';
import { CardNumberCipher } from '../../src/index.js';

describe('CardNumberCipher', () => {
  const cipher = new CardNumberCipher(randomBytes(32));

  test('each number is sealed with an IV of its own, across many draws of the random block, and opens again', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const number = `4111111111${String(100000 + i)}`;
      const token = cipher.encrypt(number);
      const [version, iv, tag, sealed] = token.split(':');
      expect(version).toBe('v1');
      expect(Buffer.from(iv ?? '', 'base64')).toHaveLength(12);
      expect(Buffer.from(tag ?? '', 'base64')).toHaveLength(16);
      // Neither the text nor the bytes it encodes hold the number (a four-digit piece would turn up in base64 by chance).
      expect(sealed).not.toContain(number);
      expect(Buffer.from(sealed ?? '', 'base64').includes(number)).toBe(false);
      ivs.add(iv ?? '');
      expect(cipher.decrypt(token)).toBe(number);
    }
    expect(ivs.size).toBe(1000);
  });

  test('the same number sealed twice gives two different tokens; a changed token or another key does not open', () => {
    const first = cipher.encrypt('4111111111111111');
    expect(cipher.encrypt('4111111111111111')).not.toBe(first);
    const [version, iv, tag, sealed] = first.split(':');
    const flipped = Buffer.from(sealed ?? '', 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => cipher.decrypt([version, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    expect(() => new CardNumberCipher(randomBytes(32)).decrypt(first)).toThrow();
  });

  test('a key that is not 32 bytes is refused', () => {
    expect(() => new CardNumberCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
