import { safeStorage } from 'electron';
import type { SecretCipher } from '../secrets/cipher';

const tag = 'ss1:';

/**
 * Seals with the OS keychain (safeStorage) when it is available; opens its own secrets and, for a
 * data directory first used from the CLI, the key file's.
 */
export function safeStorageCipher(fallback: SecretCipher): SecretCipher {
  if (!safeStorage.isEncryptionAvailable()) return fallback;
  return {
    seal: (plain) => tag + safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) =>
      sealed.startsWith(tag)
        ? safeStorage.decryptString(Buffer.from(sealed.slice(tag.length), 'base64'))
        : fallback.open(sealed),
  };
}
