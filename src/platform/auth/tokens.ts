// API tokens for service accounts: shown once, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';

export const tokenPrefix = 'jdu_';

export function newToken(): { token: string; hash: string } {
  const token = tokenPrefix + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
