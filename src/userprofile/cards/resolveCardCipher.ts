import { ConfigurationError } from '../../errors/ConfigurationError.js';
import { CardNumberCipher, parseEncryptionKey } from './CardNumberCipher.js';

/** The cipher for card numbers from COMMERCE_ENCRYPTION_KEY or config/commerce.json; none when neither is set. */
export function resolveCardCipher(configured: string | undefined, environment = process.env['COMMERCE_ENCRYPTION_KEY']): CardNumberCipher | undefined {
  const [source, text] = environment ? ['COMMERCE_ENCRYPTION_KEY', environment] : ['config/commerce.json', configured];
  if (!text) return undefined;
  const key = parseEncryptionKey(text);
  if (!key) {
    throw new ConfigurationError([
      { file: source, path: 'encryptionKey', message: 'must be 32 bytes: 64 hex digits or base64 (try: openssl rand -hex 32)' },
    ]);
  }
  return new CardNumberCipher(key);
}
