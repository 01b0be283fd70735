import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets we must be able to read back (SIP passwords for
 * phone provisioning, trunk credentials). Format: v1.<iv>.<tag>.<ciphertext>
 * in base64url, so a future key rotation can add v2 without ambiguity.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterSecret: string) {
    // Derive a fixed-size key from the configured secret.
    this.key = createHash('sha256').update(`branchline-secret-box:${masterSecret}`).digest();
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(box: string): string {
    const [version, iv, tag, ct] = box.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Not a v1 secret box');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}
