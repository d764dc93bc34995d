import { DomainError } from '../errors';
import { assertCanReadCase, assertRole } from './case-access';
import { Actor } from './roles';

const dev = (org: string): Actor => ({ userId: 'u', organisationId: org, role: 'developer', name: 'd' });

describe('ROLE-1: role and ownership', () => {
  it('ROLE-1: a developer reads its own organisation case', () => {
    expect(() => assertCanReadCase(dev('org-a'), 'org-a')).not.toThrow();
  });
  it('ROLE-1: a developer cannot read another organisation case, and learns nothing (NOT_FOUND)', () => {
    expect(() => assertCanReadCase(dev('org-b'), 'org-a')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
  it.each(['officer', 'bureau', 'admin'] as const)('ROLE-1: registry staff (%s) read any case', (role) => {
    expect(() => assertCanReadCase({ ...dev('registry'), role }, 'org-a')).not.toThrow();
  });
  it.each(['verifier', 'exchange', 'emitter'] as const)('ROLE-1: %s cannot read a developer case', (role) => {
    expect(() => assertCanReadCase({ ...dev('other'), role }, 'org-a')).toThrow(DomainError);
  });
  it('ROLE-1: a wrong role is FORBIDDEN with a message naming the allowed roles', () => {
    expect(() => assertRole(dev('a'), ['officer'], 'review a case')).toThrow(
      'Only officer users may review a case; you are developer.',
    );
  });
});
