import { DataSource, QueryRunner } from 'typeorm';
import { WORKLIST_LIMIT, worklistStatement, WorklistRow } from '../../apps/api/src/case-overview/case-overview.repository';
import { worklistFilter } from '../../apps/api/src/case-overview/worklist-filter';
import type { WorklistQuery } from '../../apps/api/src/case-overview/worklist.dto';
import type { Actor } from '../../libs/domain/src';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { makeRegistry, Registry } from '../support/fixtures';

/**
 * Issue 9 (scale): with thousands of open cases the worklist still answers the first page in its order (overdue
 * first, then by running deadline, then oldest), and reads it off the worklist-order indexes in that order rather
 * than joining and sorting every open case (migration 1764100000510). The cases are written in one transaction, as
 * the owner, with ANALYZE so the planner knows how many there are; it is rolled back, leaving the shared database as
 * it was.
 */
describe('the worklist with thousands of open cases (PostgreSQL)', () => {
  const PER_TYPE = 4000; // of which 6 in 10 open (in worklists or with the developer), 3 in 10 closed
  let db: DataSource;
  let q: QueryRunner;
  let r: Registry;

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(undefined, 'owner')).initialize();
    r = await makeRegistry(db);
    q = db.createQueryRunner();
    await q.connect();
    await q.startTransaction();
    await insertCases(q, r, PER_TYPE);
    await q.query('ANALYZE registration_cases; ANALYZE issuance_cases; ANALYZE projects');
  }, 60_000);
  afterAll(async () => {
    await q?.rollbackTransaction();
    await q?.release();
    await db?.destroy();
  });

  const page = (actor: Actor, query: WorklistQuery) => {
    const { sql, params } = worklistStatement(worklistFilter(actor, query));
    return q.query(sql, params) as Promise<WorklistRow[]>;
  };

  it.each<[string, keyof Pick<Registry, 'officer' | 'bureau'>, WorklistQuery]>([
    ["an officer's default page", 'officer', {}],
    ['an officer, only theirs', 'officer', { assigned: 'me' }],
    ['an officer, only overdue', 'officer', { overdue: true }],
    ["the bureau's sign-off queue", 'bureau', {}],
  ])('issue 9 (scale): %s is the first rows of the whole list, in order', async (_, who, query) => {
    const rows = await page(r[who], query);
    // Every case of this test that belongs on the list, sorted as the worklist promises.
    const ours = (await ourCandidates(q, r, r[who], query)).sort(byWorklistOrder);
    const oursOnPage = rows.filter((c) => c.caseNo.includes(r.tag));
    expect(oursOnPage.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(WORKLIST_LIMIT);
    // In order as far as the answer shows it: it carries no creation time, so ties keep their places (a stable sort).
    const shown = rows.map((c) => ({ ...c, createdAt: new Date(0) }));
    expect([...shown].sort(byWorklistOrder).map((c) => c.caseNo)).toEqual(shown.map((c) => c.caseNo));
    // Ours on the page are exactly the first of ours: none skipped, none out of turn.
    expect(oursOnPage.map((c) => c.caseNo)).toEqual(ours.slice(0, oursOnPage.length).map((c) => c.caseNo));
    if (ours.length >= WORKLIST_LIMIT) expect(rows).toHaveLength(WORKLIST_LIMIT);
    // The joined columns are each case's own.
    for (const c of oursOnPage) {
      expect(c.projectName).toBe(`Scale ${c.caseNo.slice(c.caseNo.lastIndexOf('-') + 1)} ${r.tag}`);
      expect(c.assignedOfficerName).toBe(c.assignedOfficerId === r.officer.userId ? 'Officer Wang' : c.assignedOfficerId ? 'Officer Li' : null);
    }
  });

  it("issue 9 (scale): an officer's page is read off the worklist-order indexes, in order, stopping at the page, and only its rows look up their names", async () => {
    const { sql, params } = worklistStatement(worklistFilter(r.officer, {}));
    const [{ 'QUERY PLAN': [plan] }] = await q.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    const nodes = flatten(plan.Plan);
    const indexes = nodes.map((n) => n['Index Name']).filter(Boolean);
    expect(indexes).toEqual(expect.arrayContaining(['registration_cases_worklist_order', 'issuance_cases_worklist_order']));
    // Of the thousands of open cases, each table gives up at most a page (not all of them, to be sorted).
    const caseScans = nodes.filter((n) => ['registration_cases', 'issuance_cases'].includes(n['Relation Name'] as string));
    expect(caseScans).toHaveLength(2);
    for (const n of caseScans) expect(Number(n['Actual Rows']) * Number(n['Actual Loops'])).toBeLessThanOrEqual(WORKLIST_LIMIT);
    // Projects (thousands here, every one ever registered in production) are read by key for the page's rows only.
    const projectReads = nodes.filter((n) => n['Relation Name'] === 'projects');
    expect(projectReads.length).toBeGreaterThan(0);
    for (const n of projectReads) expect(Number(n['Actual Rows']) * Number(n['Actual Loops'])).toBeLessThanOrEqual(WORKLIST_LIMIT);
  });
});

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];

interface Candidate {
  caseNo: string;
  overdue: boolean;
  deadlineAt: Date | null;
  createdAt: Date;
}

/** An instant as a number; none sorts last. */
const time = (d: Date | string | null) => (d === null ? Infinity : new Date(d).getTime());

/** The worklist's order: overdue first, then by running deadline (none last), then oldest. */
const byWorklistOrder = (a: Candidate, b: Candidate) =>
  Number(b.overdue) - Number(a.overdue) || time(a.deadlineAt) - time(b.deadlineAt) || time(a.createdAt) - time(b.createdAt);

/** This test's cases that `who` should see for `query`, by the rules the worklist states (its statuses, its officer filter). */
async function ourCandidates(q: QueryRunner, r: Registry, who: Actor, query: WorklistQuery): Promise<Candidate[]> {
  const f = worklistFilter(who, query);
  const rows: (Candidate & { caseType: 'registration' | 'issuance'; status: string; assignedOfficerId: string | null })[] = await q.query(
    `SELECT case_no AS "caseNo", case_type AS "caseType", status, assigned_officer_id AS "assignedOfficerId", overdue, deadline_at AS "deadlineAt",
            created_at AS "createdAt"
     FROM case_overview WHERE case_no LIKE $1`,
    [`%${r.tag}%`],
  );
  return rows.filter(
    (c) =>
      (f.statuses[c.caseType] ?? []).includes(c.status) &&
      (!f.officer || (f.officer.mine && c.assignedOfficerId === f.officer.id) || (f.officer.unclaimed && c.assignedOfficerId === null)) &&
      (f.overdue === undefined || c.overdue === f.overdue),
  );
}

/**
 * `perType` registration and issuance cases each, one project each, in every kind of state a worklist must tell
 * apart: open and waiting for the registry (unclaimed, or assigned to either officer, some overdue), waiting for the
 * developer, with the bureau, and closed. Each created at its own second, deadlines spread over three weeks.
 */
async function insertCases(q: QueryRunner, r: Registry, perType: number): Promise<void> {
  const tag = r.tag;
  await q.query(
    `INSERT INTO projects (id, organisation_id, name, jurisdiction, location, methodology_version_id, site_identifiers, implementation_start_date,
       crediting_period_start, crediting_period_end)
     SELECT md5($3 || t || g)::uuid, $1, 'Scale ' || g || ' ' || $3, 'BJ', '北京', $2, ARRAY['SCALE-' || $3 || '-' || t || g], '2024-03-01', '2024-03-01', '2034-02-28'
     FROM generate_series(1, $4::int) g, (VALUES ('R'), ('I')) AS types(t)`,
    [r.developer.organisationId, r.tier1, tag, perType],
  );
  // By g % 10: 0–2 waiting for review (unclaimed), 3–4 in publicity, 5 waiting for the registry's next step (a third of
  // them overdue), 6 with the developer or the bureau, 7–9 closed; the assigned ones alternate between the officers by tens.
  const state = (open: string, registryDue: string, other: string, closed: string) =>
    `CASE WHEN g % 10 < 3 THEN 'under_review' WHEN g % 10 < 5 THEN 'in_publicity' WHEN g % 10 = 5 THEN '${registryDue}'
          WHEN g % 10 = 6 THEN '${other}' ELSE '${closed}' END`;
  const common = `md5($3 || t || g)::uuid AS project_id, $4::uuid AS organisation_id,
       CASE WHEN g % 10 BETWEEN 3 AND 6 THEN (CASE WHEN g / 10 % 2 = 0 THEN $1::uuid ELSE $2::uuid END) END AS officer,
       CASE WHEN g % 10 BETWEEN 3 AND 6 THEN now() + (g % 21 + 1) * interval '1 day' END AS deadline_at,
       g % 10 = 5 AND g / 10 % 3 = 0 AS overdue, now() - (2 * g + (t = 'I')::int) * interval '1 second' AS created_at`;
  const params = [r.officer.userId, r.officer2.userId, tag, r.developer.organisationId, r.developer.userId, perType];
  await q.query(`INSERT INTO cases (case_no, case_type) SELECT 'BJ-REG-SCALE-' || $1 || '-' || g, 'registration' FROM generate_series(1, $2::int) g`, [tag, perType]);
  await q.query(`INSERT INTO cases (case_no, case_type) SELECT 'BJ-ISS-SCALE-' || $1 || '-' || g, 'issuance' FROM generate_series(1, $2::int) g`, [tag, perType]);
  await q.query(
    `INSERT INTO registration_cases (case_no, workflow_id, project_id, organisation_id, jurisdiction, status, round, assigned_officer_id, attestations,
       deadline_at, calendar_version, overdue, created_by, created_at)
     SELECT 'BJ-REG-SCALE-' || $3 || '-' || g, 'registration/BJ-REG-SCALE-' || $3 || '-' || g, project_id, organisation_id, 'BJ',
            ${state('under_review', 'awaiting_registration', 'awaiting_supplement', 'registered')}, 1, officer, '{}', deadline_at,
            CASE WHEN deadline_at IS NOT NULL THEN 'v1' END, overdue, $5, created_at
     FROM generate_series(1, $6::int) g, (VALUES ('R')) AS types(t), LATERAL (SELECT ${common}) x`,
    params,
  );
  await q.query(
    `INSERT INTO issuance_cases (case_no, workflow_id, project_id, organisation_id, jurisdiction, period_start, period_end, vintage, claimed_tco2e,
       audited_tco2e, issued_tco2e, status, round, assigned_officer_id, deadline_at, calendar_version, overdue, created_by, created_at)
     SELECT 'BJ-ISS-SCALE-' || $3 || '-' || g, 'issuance/BJ-ISS-SCALE-' || $3 || '-' || g, project_id, organisation_id, 'BJ', '2025-02-01', '2025-12-31', 2025, 100,
            100, CASE WHEN g % 10 >= 7 THEN 100 END, ${state('under_review', 'awaiting_bureau_submission', 'awaiting_signoff', 'issued')}, 1, officer,
            deadline_at, CASE WHEN deadline_at IS NOT NULL THEN 'v1' END, overdue, $5, created_at
     FROM generate_series(1, $6::int) g, (VALUES ('I')) AS types(t), LATERAL (SELECT ${common}) x`,
    params,
  );
}
