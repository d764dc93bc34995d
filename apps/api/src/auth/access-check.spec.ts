import type { Actor } from '../../../../libs/domain/src';
import { accessRefusal } from './access-check';
import type { AccessTokenClaims } from './token.service';
import type { UserAccessState } from './users.repository';

const actor: Actor = { userId: 'u1', organisationId: 'org-a', role: 'officer', name: 'Officer Wang' };
const claims: AccessTokenClaims = { actor, tokenVersion: 3, sessionId: 's1' };
const state = (change: Partial<UserAccessState> = {}): UserAccessState => ({
  actor,
  active: true,
  deleted: false,
  tokenVersion: 3,
  session: { found: true, revokedReason: null },
  ...change,
});

describe('ROLE-1: a token holds only while its user may still act', () => {
  it('ROLE-1: the user as the token knew them, in a live session → access', () => {
    expect(accessRefusal(claims, state())).toBeUndefined();
  });
  it('ROLE-1: a renamed user keeps access (the name is taken from the row, not the token)', () => {
    expect(accessRefusal(claims, state({ actor: { ...actor, name: 'Officer Wang Wei' } }))).toBeUndefined();
  });
  it('ROLE-1: a token without a session (seed, tests) is judged on the user alone', () => {
    expect(accessRefusal({ actor, tokenVersion: 3 }, state({ session: undefined }))).toBeUndefined();
  });
  it.each<[string, UserAccessState | undefined, RegExp]>([
    ['no such user', undefined, /does not exist/],
    ['deleted', state({ deleted: true, active: false }), /has been deleted/],
    ['deactivated', state({ active: false }), /has been deactivated/],
    ['role changed', state({ actor: { ...actor, role: 'bureau' }, tokenVersion: 4 }), /role or organisation has changed/],
    ['organisation changed', state({ actor: { ...actor, organisationId: 'org-b' }, tokenVersion: 4 }), /role or organisation has changed/],
    ['token version bumped', state({ tokenVersion: 4 }), /has been revoked/],
    ['session unknown', state({ session: { found: false, revokedReason: null } }), /no session/],
    ['session logged out', state({ session: { found: true, revokedReason: 'logout' } }), /session has ended \(logout\)/],
    ['refresh token reused', state({ session: { found: true, revokedReason: 'refresh_token_reused' } }), /refresh token reused/],
  ])('ROLE-1: %s → refused, saying why', (_, s, why) => {
    expect(accessRefusal(claims, s)).toMatch(why);
  });
});
