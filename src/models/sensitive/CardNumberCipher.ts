import { createCipheriv, createDecipheriv, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';

const version = 'v1';

/** Parses a 32-byte key given as 64 hex digits or as base64; undefined when it is neither. */
export function parseEncryptionKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

const ivLength = 12;
/** IVs drawn from the system's CSPRNG this many at a time: one call for 256 IVs instead of one per IV (about 5 µs each). */
const ivsPerDraw = 256;

/**
 * Fresh random IVs, each handed out once: a block of them is filled from the CSPRNG at a time, and each IV is a copy
 * of its own 12 bytes, so no two encryptions ever share one (what AES-GCM needs) and none stays behind in the block.
 */
class RandomIvs {
  private readonly block = Buffer.alloc(ivLength * ivsPerDraw);
  private next = ivsPerDraw;

  take(): Buffer {
    if (this.next === ivsPerDraw) {
      randomFillSync(this.block);
      this.next = 0;
    }
    const at = this.next++ * ivLength;
    const iv = Buffer.from(this.block.subarray(at, at + ivLength));
    this.block.fill(0, at, at + ivLength);
    return iv;
  }
}

/**
 * Encrypts card numbers with AES-256-GCM: a fresh random 12-byte IV per number, the tag checked on decryption.
 * The framework only ever encrypts; `decrypt` is for the application's payment code. The key is held as a KeyObject,
 * made once (a Buffer key is made into one on every call).
 */
export class CardNumberCipher {
  private readonly key: KeyObject;
  private readonly ivs = new RandomIvs();

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes');
    this.key = createSecretKey(key);
  }

  encrypt(cardNumber: string): string {
    const iv = this.ivs.take();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(cardNumber, 'utf8'), cipher.final()]);
    return [version, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
  }

  decrypt(token: string): string {
    const [tag, iv, authTag, sealed] = token.split(':');
    if (tag !== version || !iv || !authTag || !sealed) throw new Error('not a card number this cipher sealed');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(authTag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }
}

/** Why a card number is refused when no cipher is configured. */
export const noEncryptionKeyMessage =
  'card numbers cannot be stored: no encryption key is configured (encryptionKey in config/commerce.json or COMMERCE_ENCRYPTION_KEY)';

