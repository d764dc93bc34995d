import { materialsChecklist } from '../cases/documents';
import { Actor } from '../access/roles';
import {
  assertMayUploadIssuanceMaterial, defaultCreditingPeriodEnd, IssuanceApplicationFacts, issuanceIneligibility, lastFilingDay,
  vintageOf,
} from './issuance-application';

type Over = Partial<Omit<IssuanceApplicationFacts, 'project'>> & { project?: Partial<IssuanceApplicationFacts['project']> };
const facts = (over: Over = {}): IssuanceApplicationFacts => ({
  ...over,
  project: { projectClass: 'I', registeredOn: '2025-03-10', creditingPeriodEnd: '2034-02-28', supervisionStatus: 'active', ...over.project },
  period: over.period ?? { start: '2025-03-10', end: '2025-12-31' },
  filedOn: over.filedOn ?? '2026-02-01',
  heldPeriods: over.heldPeriods ?? [],
});

describe('BJ-21: who may apply, and for which monitoring period', () => {
  it('BJ-21: a registered, active Class I project applying for a finished period after registration is eligible', () => {
    expect(issuanceIneligibility(facts())).toEqual([]);
  });
  it('BJ-21: a project that is not registered (Class II) is refused', () => {
    expect(issuanceIneligibility(facts({ project: { projectClass: 'II', registeredOn: null } }))).toEqual([
      'BJ-21: only a registered Class I project can apply for issuance; this project is not registered.',
    ]);
  });
  it('BJ-21/BJ-29: a suspended project is refused; so is a cancelled one', () => {
    expect(issuanceIneligibility(facts({ project: { supervisionStatus: 'suspended' } }))[0]).toMatch(/^BJ-29: the project is suspended/);
    expect(issuanceIneligibility(facts({ project: { supervisionStatus: 'cancelled' } }))[0]).toMatch(/cancelled/);
  });
  it('BJ-21: a period starting before the registration date is refused, naming the date', () => {
    expect(issuanceIneligibility(facts({ period: { start: '2025-03-09', end: '2025-12-31' } }))).toEqual([
      'BJ-21: the monitoring period must start on or after the registration date 2025-03-10; it starts 2025-03-09.',
    ]);
  });
  it('BJ-21: a period may start on the registration day itself', () => {
    expect(issuanceIneligibility(facts({ period: { start: '2025-03-10', end: '2025-03-10' } }))).toEqual([]);
  });
  it.each([
    [{ start: '2025-06-01', end: '2025-09-30' }, 'inside'],
    [{ start: '2025-01-01', end: '2025-06-01' }, 'touching its first day'],
    [{ start: '2025-12-31', end: '2026-01-15' }, 'touching its last day'],
  ])('BJ-21: a period overlapping one already issued or under application is refused (%o, %s)', (period) => {
    const held = [{ caseNo: 'BJ-ISS-2026-000001', start: '2025-06-01', end: '2025-12-31', status: 'issued' }];
    const reasons = issuanceIneligibility(facts({ period, heldPeriods: held, project: { registeredOn: '2024-12-01' } }));
    expect(reasons).toEqual(['BJ-21: the monitoring period overlaps BJ-ISS-2026-000001 (2025-06-01 to 2025-12-31, issued).']);
  });
  it('BJ-21: the next period, starting the day after the last one ended, is fine', () => {
    const held = [{ caseNo: 'BJ-ISS-2026-000001', start: '2025-03-10', end: '2025-12-31', status: 'issued' }];
    expect(issuanceIneligibility(facts({ period: { start: '2026-01-01', end: '2026-06-30' }, filedOn: '2026-07-02', heldPeriods: held }))).toEqual([]);
  });
  it('BJ-21: a period that has not ended by the filing day is refused', () => {
    expect(issuanceIneligibility(facts({ filedOn: '2025-12-31' }))[0]).toMatch(/must end before the filing day 2025-12-31/);
  });
  it('a period that ends before it starts is refused alone', () => {
    expect(issuanceIneligibility(facts({ period: { start: '2025-05-01', end: '2025-04-01' } }))).toEqual(['The monitoring period ends (2025-04-01) before it starts (2025-05-01).']);
  });
  it('every failed reason is reported at once', () => {
    const reasons = issuanceIneligibility(facts({ project: { supervisionStatus: 'suspended' }, period: { start: '2025-01-01', end: '2034-03-31' }, filedOn: '2035-03-01' }));
    expect(reasons).toHaveLength(4);
  });
});

describe('BJ-22: periodic applications, each within one year after the crediting period ends', () => {
  it('BJ-22: a period ending after the crediting period is refused', () => {
    expect(issuanceIneligibility(facts({ period: { start: '2033-06-01', end: '2034-03-01' }, filedOn: '2034-04-01' }))).toEqual([
      'BJ-22: the monitoring period ends 2034-03-01, after the crediting period ends (2034-02-28).',
    ]);
  });
  it('BJ-22: filing on the last day (one year after the crediting period ended) is accepted', () => {
    expect(issuanceIneligibility(facts({ period: { start: '2033-06-01', end: '2034-02-28' }, filedOn: '2035-02-28' }))).toEqual([]);
  });
  it('BJ-22: filing the day after is refused, naming the last filing day', () => {
    expect(issuanceIneligibility(facts({ period: { start: '2033-06-01', end: '2034-02-28' }, filedOn: '2035-03-01' }))).toEqual([
      'BJ-22: applications must be filed within one year after the crediting period ended (2034-02-28); the last filing day was 2035-02-28.',
    ]);
  });
  it('BJ-22: a crediting period ending on 29 February may be filed for until 28 February the next year', () => {
    expect(lastFilingDay('2028-02-29')).toBe('2029-02-28');
  });
  it('Decision: without a stated crediting period it runs 10 years from implementation start', () => {
    expect(defaultCreditingPeriodEnd('2024-03-01')).toBe('2034-02-28');
    expect(defaultCreditingPeriodEnd('2021-01-01')).toBe('2030-12-31');
  });
  it('Decision: the vintage is the year the monitoring period ends', () => {
    expect(vintageOf({ start: '2025-07-01', end: '2026-06-30' })).toBe(2026);
  });
});

describe('BJ-21: materials and who uploads them', () => {
  const c = { organisationId: 'dev-org', verifierOrganisationId: 'ver-org' };
  const actor = (role: Actor['role'], organisationId: string): Actor => ({ userId: 'u', organisationId, role, name: 'n' });
  it('BJ-21: all four materials are required', () => {
    expect(materialsChecklist('issuance', ['accounting_report']).missing).toEqual(['application_letter', 'verification_report', 'authenticity_commitment']);
  });
  it('BJ-21: the named verifier uploads the verification report; the developer then cannot', () => {
    expect(() => assertMayUploadIssuanceMaterial(actor('verifier', 'ver-org'), 'verification_report', c)).not.toThrow();
    expect(() => assertMayUploadIssuanceMaterial(actor('developer', 'dev-org'), 'verification_report', c)).toThrow(/uploaded by that verifier/);
  });
  it('BJ-21: without a named verifier the developer verifies itself and uploads the report', () => {
    expect(() => assertMayUploadIssuanceMaterial(actor('developer', 'dev-org'), 'verification_report', { ...c, verifierOrganisationId: null })).not.toThrow();
  });
  it('ROLE-1: a verifier not named on the case, or another developer, learns nothing of it', () => {
    expect(() => assertMayUploadIssuanceMaterial(actor('verifier', 'other'), 'verification_report', c)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => assertMayUploadIssuanceMaterial(actor('developer', 'other'), 'accounting_report', c)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
  it('a verifier uploads nothing but the verification report', () => {
    expect(() => assertMayUploadIssuanceMaterial(actor('verifier', 'ver-org'), 'accounting_report', c)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
