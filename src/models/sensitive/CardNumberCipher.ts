import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const version = 'v1';

/** Parses a 32-byte key given as 64 hex digits or as base64; undefined when it is neither. */
export function parseEncryptionKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

/**
 * Encrypts card numbers with AES-256-GCM: a fresh 12-byte IV per number, the tag checked on decryption.
 * The framework only ever encrypts; `decrypt` is for the application's payment code.
 */
export class CardNumberCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes');
  }

  encrypt(cardNumber: string): string {
    const iv = randomBytes(12);
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

