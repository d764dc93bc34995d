import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens and invitation codes: 256 random bits, URL-safe. Only the SHA-256 digest is stored, so a copy
 * of the database hands out nothing that works (a fast hash is enough: the secret is random, not guessable).
 */
export function newOpaqueSecret(): { secret: string; digest: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, digest: digestOf(secret) };
}

export function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
