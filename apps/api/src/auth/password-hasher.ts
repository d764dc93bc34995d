import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { normalisePassword } from '../../../../libs/domain/src';

/** argon2id (RFC 9106) with the library's defaults: 19 MiB, 2 passes, 1 lane — OWASP's minimum for argon2id. */
const ARGON2ID = 2; // Algorithm.Argon2id: a const enum in the typings, which isolated-module compilers cannot inline.

/** Password hashes (ROLE-1). Passwords are NFKC-normalised first (libs/domain password-policy). */
@Injectable()
export class PasswordHasher {
  /** Verified instead when there is no hash to check (unknown e-mail, no password set yet), so timing does not tell. */
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(normalisePassword(password), { algorithm: ARGON2ID });
  }

  /** False for a wrong password and for a missing hash, after the same amount of work. */
  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.dummy ??= this.hash(randomBytes(24).toString('base64url'));
      await verify(await this.dummy, normalisePassword(password));
      return false;
    }
    return verify(passwordHash, normalisePassword(password));
  }
}
