import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Actor, type Role } from '../../libs/domain/src';
import { identifierSkeleton } from '../../libs/domain/src/registration/identifier-skeleton';
import { CaseRecordsRepository } from '../../apps/api/src/cases/case-records.repository';
import { RegistrationsRepository } from '../../apps/api/src/registrations/registrations.repository';

/** Minimal registry data for tests, written straight to the database (unique names per call). */
export async function makeRegistry(db: DataSource) {
  const tag = randomUUID().slice(0, 8);
  const org = async (name: string, kind: string) =>
    (await db.query(`INSERT INTO organisations (name, kind, jurisdiction) VALUES ($1, $2, 'BJ') RETURNING id`, [`${name} ${tag}`, kind]))[0].id as string;
  const user = async (organisationId: string, role: Role, name: string): Promise<Actor> => {
    const [{ id }] = await db.query(`INSERT INTO users (organisation_id, role, name, email) VALUES ($1, $2, $3, $4) RETURNING id`, [
      organisationId, role, name, `${name.toLowerCase().replace(/\W+/g, '.')}.${tag}@test.example`,
    ]);
    return { userId: id, organisationId, role, name };
  };
  const registryOrg = await org('Registry', 'registry');
  const bureauOrg = await org('Bureau', 'bureau');
  const devOrg = await org('Developer A', 'developer');
  const otherDevOrg = await org('Developer B', 'developer');
  const officer = await user(registryOrg, 'officer', 'Officer Wang');
  const officer2 = await user(registryOrg, 'officer', 'Officer Li');
  const bureau = await user(bureauOrg, 'bureau', 'Bureau Zhao');
  const developer = await user(devOrg, 'developer', 'Dev Chen');
  const otherDeveloper = await user(otherDevOrg, 'developer', 'Dev Zhou');
  const [{ id: methodologyId }] = await db.query(`INSERT INTO methodologies (code, title, jurisdiction) VALUES ($1, 'PV', 'BJ') RETURNING id`, [`M-${tag}`]);
  const version = async (v: string, tier: 1 | 2) =>
    (await db.query(
      `INSERT INTO methodology_versions (methodology_id, version, tier, status, applicability_conditions, project_boundary, accounting_method,
         monitoring_method, crediting_period_rules, published_at, published_by) VALUES ($1, $2, $3, 'published', 'a', 'b', 'c', 'd', 'e', now(), $4) RETURNING id`,
      [methodologyId, v, tier, bureau.userId],
    ))[0].id as string;
  return { tag, org, user, officer, officer2, bureau, developer, otherDeveloper, tier1: await version('1.0', 1), tier2: await version('2.0', 2) };
}
export type Registry = Awaited<ReturnType<typeof makeRegistry>>;

/** A draft with all four BJ-13 materials uploaded. */
export async function makeReadyDraft(db: DataSource, r: Registry, siteId = `SITE-${randomUUID().slice(0, 8)}`): Promise<string> {
  const repo = new RegistrationsRepository(db);
  const caseNo = await repo.createDraft({
    organisationId: r.developer.organisationId,
    jurisdiction: 'BJ',
    userId: r.developer.userId,
    year: 2026,
    project: { name: `Rooftop PV ${siteId}`, location: '北京市朝阳区', methodologyVersionId: r.tier1, siteIdentifiers: [siteId], implementationStartDate: '2024-03-01' },
    attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
    identifierClaims: [identifierSkeleton(siteId)],
  });
  for (const kind of ['application_letter', 'project_design_document', 'implementation_plan', 'authenticity_commitment']) {
    await new CaseRecordsRepository(db).addDocument({ caseNo, kind, filename: `${kind}.pdf`, contentType: 'application/pdf', content: Buffer.from(`${kind} of ${caseNo}`), round: 0, userId: r.developer.userId });
  }
  return caseNo;
}

/** Polls until `check` returns a value (the projection is written by activities, slightly after timers fire). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A registered Class I project of `owner`'s organisation, written directly (registration has its own tests). */
export async function makeRegisteredProject(db: DataSource, r: Registry, owner: Actor = r.developer, registeredAt = '2025-01-15T10:00:00+08:00') {
  const tag = randomUUID().slice(0, 8);
  const [{ id }] = await db.query(
    `INSERT INTO projects (organisation_id, name, jurisdiction, location, methodology_version_id, site_identifiers, implementation_start_date,
       crediting_period_start, crediting_period_end, project_class, registration_no, registered_at)
     VALUES ($1, $2, 'BJ', '北京市海淀区', $3, $4, '2024-03-01', '2024-03-01', '2034-02-28', 'I', $5, $6) RETURNING id`,
    [owner.organisationId, `PV ${tag}`, r.tier1, [`SITE-${tag}`], `BJ-TPH-I-2025-${tag}`, registeredAt],
  );
  return { projectId: id as string, registrationNo: `BJ-TPH-I-2025-${tag}` };
}

/** An issuance case row waiting for sign-off (the ledger's own tests start there), written directly. */
export async function makeSignOffReadyCase(db: DataSource, r: Registry, projectId: string, owner: Actor, period = { start: '2025-02-01', end: '2025-12-31' }) {
  const caseNo = `BJ-ISS-2025-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  await db.query(`INSERT INTO cases (case_no, case_type) VALUES ($1, 'issuance')`, [caseNo]);
  await db.query(
    `INSERT INTO issuance_cases (case_no, workflow_id, project_id, organisation_id, jurisdiction, period_start, period_end, vintage, claimed_tco2e,
       audited_tco2e, status, round, reviewed_by, created_by)
     VALUES ($1, $2, $3, $4, 'BJ', $5, $6, $7, 100, 100, 'awaiting_signoff', 1, $8, $9)`,
    [caseNo, `issuance/${caseNo}`, projectId, owner.organisationId, period.start, period.end, Number(period.end.slice(0, 4)), [r.officer.userId], owner.userId],
  );
  return caseNo;
}
