import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretSource } from '../../ports/secret.js';
import type { Sealer } from '../../ports/sealer.js';

const VERSION = 'g1';

/**
 * AES-256-GCM under SHA-256 of the customer-data secret (CUSTOMER_DATA_SECRET[_ARN]): a fresh 96-bit IV per
 * value, the context as associated data, the 128-bit tag appended. Stored as `g1.<iv>.<ciphertext+tag>`
 * (base64url), so a later scheme can be told apart.
 */
export function aesGcmSealer(secret: SecretSource): Sealer {
  const key = async () =>
    createHash('sha256')
      .update(await secret(), 'utf8')
      .digest();
  return {
    async seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await key(), iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    async open(sealed, context) {
      const [version, ivText, bodyText] = sealed.split('.');
      if (version !== VERSION || ivText === undefined || bodyText === undefined)
        throw new Error('not a sealed value of this scheme');
      const body = Buffer.from(bodyText, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', await key(), Buffer.from(ivText, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
