import { ConfigurationError } from '../../errors/ConfigurationError.js';
import { CardNumberCipher, parseEncryptionKey } from './CardNumberCipher.js';

/** Where the key for card numbers can come from, first found first: the option, the environment, the config file. */
export interface EncryptionKeySources {
  readonly option?: string | undefined;
  readonly environment?: string | undefined;
  readonly configFile?: string | undefined;
}

/** The cipher for card numbers; none when no key is given anywhere. */
export function resolveCardCipher({ option, environment, configFile }: EncryptionKeySources): CardNumberCipher | undefined {
  const [source, text] =
    option !== undefined ? ['options.encryptionKey', option] : environment !== undefined ? ['COMMERCE_ENCRYPTION_KEY', environment] : ['config/commerce.json', configFile];
  if (!text) return undefined;
  const key = parseEncryptionKey(text);
  if (!key) {
    throw new ConfigurationError([{ file: source, path: 'encryptionKey', message: 'must be 32 bytes: 64 hex digits or base64 (try: openssl rand -hex 32)' }]);
  }
  return new CardNumberCipher(key);
}
