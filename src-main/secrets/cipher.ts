import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { bi, RegieError } from '../ground/errors';

/**
 * Seals secrets at rest. In Electron the app passes one backed by `safeStorage`; on headless hosts
 * (CLI, web console, workers) a random key in a 0600 file beside the database is used.
 */
export interface SecretCipher {
  seal(plain: string): string;
  open(sealed: string): string;
}

const keyLength = 32;

/** AES-256-GCM with a key file; the sealed form is base64(iv | tag | ciphertext). */
export function keyFileCipher(keyFile: string): SecretCipher {
  let key: Buffer | undefined;
  const loadKey = (): Buffer => {
    if (key) return key;
    if (!existsSync(keyFile)) {
      writeFileSync(keyFile, randomBytes(keyLength), { mode: 0o600, flag: 'wx' });
    }
    if ((statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
    const bytes = readFileSync(keyFile);
    if (bytes.length !== keyLength) {
      throw new RegieError(
        'unavailable',
        bi(
          `Secret key file ${keyFile} is damaged (${String(bytes.length)} bytes, expected ${String(keyLength)}).`,
          `Le fichier de clé ${keyFile} est endommagé (${String(bytes.length)} octets au lieu de ${String(keyLength)}).`,
        ),
      );
    }
    key = bytes;
    return key;
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', loadKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', loadKey(), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
