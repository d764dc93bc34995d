import { ORGANISATION_KINDS, ROLES } from '../access/roles';
import { assertRoleSuitsOrganisation, ROLES_BY_KIND } from './organisation-roles';

describe('ROLE-1: roles by organisation kind', () => {
  const pairs = ORGANISATION_KINDS.flatMap((kind) => ROLES.map((role) => [kind, role, ROLES_BY_KIND[kind].includes(role)] as const));

  it('every role belongs to exactly one kind of organisation', () => {
    for (const role of ROLES) expect(ORGANISATION_KINDS.filter((k) => ROLES_BY_KIND[k].includes(role))).toHaveLength(1);
  });

  it.each(pairs)('ROLE-1: a %s organisation with a %s user is allowed: %s', (kind, role, allowed) => {
    const check = () => assertRoleSuitsOrganisation(kind, role);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field: 'role', organisationKind: kind } }));
  });
});
