import { assertFourEyes } from '../access/four-eyes';
import { Actor, OrganisationKind } from '../access/roles';
import { assertMayHoldCredits } from './accounts';

const org = (kind: OrganisationKind) => ({ name: `${kind} org`, kind });

describe('ROLE-2: who may hold credits, and four eyes on issuance', () => {
  it.each(['developer', 'emitter'] as const)('ROLE-2: a %s organisation may hold credits', (kind) => {
    expect(() => assertMayHoldCredits('holding', org(kind))).not.toThrow();
  });
  it.each(['registry', 'bureau', 'exchange', 'verifier', 'platform'] as const)('ROLE-2: a %s organisation may not hold credits', (kind) => {
    expect(() => assertMayHoldCredits('holding', org(kind))).toThrow(expect.objectContaining({ code: 'HOLDER_NOT_ALLOWED' }));
  });
  it('ROLE-2: the exchange holds credits in custody only', () => {
    expect(() => assertMayHoldCredits('custody', org('exchange'))).not.toThrow();
    expect(() => assertMayHoldCredits('custody', org('developer'))).toThrow(/cannot hold or trade credits|developer/);
  });
  it('LED-1: system accounts belong to the registry, not to an organisation', () => {
    expect(() => assertMayHoldCredits('cancellation', null)).not.toThrow();
    expect(() => assertMayHoldCredits('issuance', org('developer'))).toThrow(expect.objectContaining({ code: 'HOLDER_NOT_ALLOWED' }));
  });

  const bureau: Actor = { userId: 'u-1', organisationId: 'bureau', role: 'bureau', name: 'Zhao' };
  it('ROLE-2: the user who did the technical review cannot sign off', () => {
    expect(() => assertFourEyes(bureau, ['u-0', 'u-1'])).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringMatching(/^ROLE-2: you did the technical review/) }));
  });
  it('ROLE-2: another user may sign off', () => {
    expect(() => assertFourEyes(bureau, ['u-0'])).not.toThrow();
  });
});
