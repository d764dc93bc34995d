import { materialsChecklist } from '../cases/documents';
import { REGISTRATION_MATERIALS } from './eligibility';
import { registrationIneligibility, RegistrationApplicationFacts } from './eligibility';

const ok: RegistrationApplicationFacts = {
  implementationStartDate: '2024-03-01',
  filedOn: '2026-11-29',
  attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
  methodology: { tier: 1, status: 'published' },
};

describe('registration eligibility', () => {
  it('BJ-13: an application on a published tier-1 methodology started after 2020-09-22 is eligible', () => {
    expect(registrationIneligibility(ok)).toEqual([]);
  });
  it.each([
    ['2020-09-22', true],
    ['2020-09-21', true],
    ['2020-09-23', false],
  ])('BJ-13: start date %s refused=%s (strictly after 2020-09-22)', (date, refused) => {
    expect(registrationIneligibility({ ...ok, implementationStartDate: date }).length > 0).toBe(refused);
  });
  it.each([
    ['2026-11-29', false],
    ['2026-11-30', true],
    ['2099-01-01', true],
  ])('BJ-13: implementation starting %s, filed 2026-11-29: refused=%s (it must have started)', (date, refused) => {
    expect(registrationIneligibility({ ...ok, implementationStartDate: date }).length > 0).toBe(refused);
  });
  it('BJ-13: a tier-2 methodology cannot lead to Class I registration', () => {
    expect(registrationIneligibility({ ...ok, methodology: { tier: 2, status: 'published' } })).toEqual([
      expect.stringContaining('tier-1'),
    ]);
  });
  it.each(['suspended', 'retired'] as const)('BJ-9/13: a %s methodology version is refused', (status) => {
    expect(registrationIneligibility({ ...ok, methodology: { tier: 1, status } })).toEqual([expect.stringContaining(status)]);
  });
  it('BJ-14: both attestations are required, and every failed check is reported', () => {
    const reasons = registrationIneligibility({
      ...ok,
      attestations: { notUnderEtsAllowanceManagement: false, notInOtherMechanism: false },
    });
    expect(reasons).toHaveLength(2);
    expect(reasons.join(' ')).toMatch(/ETS allowance/);
    expect(reasons.join(' ')).toMatch(/other voluntary/);
  });
  it('BJ-13: missing materials are listed by kind', () => {
    expect(materialsChecklist('registration', ['application_letter', 'authenticity_commitment'])).toEqual({ requirement: 'BJ-13', required: [...REGISTRATION_MATERIALS], missing: [
      'project_design_document',
      'implementation_plan',
    ] });
  });
});

describe('BJ-22: the crediting period stated at registration', () => {
  it('BJ-22: a crediting period ending before implementation starts is refused', () => {
    expect(registrationIneligibility({
      implementationStartDate: '2024-03-01', filedOn: '2026-11-29', creditingPeriodEnd: '2024-02-01',
      attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true }, methodology: { tier: 1, status: 'published' },
    })).toEqual(['BJ-22: the crediting period must end after implementation starts (2024-03-01); it ends 2024-02-01.']);
  });
});
