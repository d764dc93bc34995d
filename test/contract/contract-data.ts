import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '../../libs/domain/src';
import { REGISTRATION_MATERIALS } from '../../libs/domain/src';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import type { startApi } from '../support/api-harness';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase } from '../support/fixtures';
import type { FuzzData } from '../support/schemathesis';

type Api = Awaited<ReturnType<typeof startApi>>;

/**
 * Data for the contract run, so that the fuzzer's requests reach real rows and real workflows instead of only
 * 404s: one user per role, a published tier-1 methodology, a registration case in review and one in publicity
 * with a public comment, a registered project with an issuance case under review, and an account holding credits
 * (plus an emitter's empty account to transfer into).
 *
 * The cases are walked through the API itself (the workflows must exist for their actions to be meaningful); rows
 * with no workflow behind them (the registered project, the issued block) are written the way the e2e tests do.
 * The identifiers are handed to schemathesis as dictionaries for the matching path and body parameters.
 */
export async function seedContractData(api: Api) {
  const r = await makeRegistry(api.db);
  const verifier = await r.user(await r.org('Verifier', 'verifier'), 'verifier', 'Verifier Sun');
  const exchange = await r.user(await r.org('Exchange', 'exchange'), 'exchange', 'Exchange Qian');
  const emitter = await r.user(await r.org('Steel Works', 'emitter'), 'emitter', 'Emitter Ma');
  const admin = await r.user(await r.org('Platform', 'platform'), 'admin', 'Admin Wu');
  const users: Record<Role, Actor> = { developer: r.developer, verifier, officer: r.officer, bureau: r.bureau, exchange, emitter, admin };

  const as = (a: Actor) => ({
    post: async (url: string, body?: object) => expectOk(await api.http().post(url).set(api.bearer(a)).send(body ?? {}), url),
    upload: async (url: string, kind: string) =>
      expectOk(await api.http().post(url).set(api.bearer(a)).field('kind', kind).attach('file', Buffer.from(`${kind} ${randomUUID()}`), `${kind}.pdf`), url),
  });
  const dev = as(r.developer);
  const officer = as(r.officer);

  const registrationDocuments: string[] = [];
  async function submittedRegistration(): Promise<string> {
    const { caseNo } = await dev.post('/registrations', {
      project: { name: '朝阳区屋顶光伏', location: '北京市朝阳区', methodologyVersionId: r.tier1, siteIdentifiers: [`SITE-${randomUUID().slice(0, 8)}`], implementationStartDate: '2024-03-01' },
      attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
    });
    for (const kind of REGISTRATION_MATERIALS) registrationDocuments.push((await dev.upload(`/registrations/${caseNo}/documents`, kind)).id);
    await dev.post(`/registrations/${caseNo}/submit`);
    return caseNo;
  }
  const inReview = await submittedRegistration();
  await officer.post(`/registrations/${inReview}/claim`);
  const inPublicity = await submittedRegistration();
  await officer.post(`/registrations/${inPublicity}/claim`);
  await officer.post(`/registrations/${inPublicity}/review`, { outcome: 'pass' });
  await officer.post(`/registrations/${inPublicity}/publicity`);
  const notices: { id: string; caseNo: string }[] = (await api.http().get('/public/publicity')).body;
  const noticeId = notices.find((n) => n.caseNo === inPublicity)!.id;
  const comment = await as(r.developer).post(`/public/publicity/${noticeId}/comments`, { authorName: '李四', body: '屋顶产权归属是否清楚？' });

  const { projectId } = await makeRegisteredProject(api.db, r);
  const { caseNo: issuance } = await dev.post('/issuances', {
    projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '1050.5', verifierOrganisationId: verifier.organisationId,
  });
  for (const kind of ['application_letter', 'accounting_report', 'authenticity_commitment']) await dev.upload(`/issuances/${issuance}/documents`, kind);
  const issuanceDocuments = [(await as(verifier).upload(`/issuances/${issuance}/documents`, 'verification_report')).id];
  await dev.post(`/issuances/${issuance}/submit`);

  // Credits: a block issued on a sign-off-ready case of another registered project (the ledger's own path).
  const { projectId: issuedProjectId } = await makeRegisteredProject(api.db, r);
  const issuedCase = await makeSignOffReadyCase(api.db, r, issuedProjectId, r.developer);
  const block = await new LedgerRepository(api.db).issue({ caseNo: issuedCase, quantity: '949', signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() });
  const emitterAccount = (await as(emitter).post('/accounts')).accountNo;

  const ids = {
    caseNo: [inReview, inPublicity, issuance, issuedCase],
    registrationCaseNo: [inReview, inPublicity],
    issuanceCaseNo: [issuance, issuedCase],
    projectId: [projectId, issuedProjectId],
    organisationId: [...new Set(Object.values(users).map((u) => u.organisationId))],
    userId: Object.values(users).map((u) => u.userId).concat(r.officer2.userId),
    methodologyVersionId: [r.tier1, r.tier2],
    noticeId: [noticeId],
    commentId: [comment.id],
    registrationDocumentId: registrationDocuments,
    issuanceDocumentId: issuanceDocuments,
    documentId: [...registrationDocuments, ...issuanceDocuments],
    accountNo: [block!.accountNo, emitterAccount],
    blockPrefix: [block!.prefix],
    serial: [`${block!.prefix}-000000001`],
  };
  return { users, ids, fuzz: fuzzData(ids) };
}
export type ContractData = Awaited<ReturnType<typeof seedContractData>>;

/**
 * Which parameters of the OpenAPI document take which identifiers. Names are the document's: a parameter the API
 * renames simply stops being bound (the fuzzer still generates it), so this cannot make the run fail, only blunter.
 */
function fuzzData(ids: Record<string, string[]>): FuzzData {
  return {
    dictionaries: ids,
    probability: 0.75,
    parameters: {
      'path.caseNo': 'caseNo',
      'path.commentId': 'commentId',
      'path.accountNo': 'accountNo',
      'path.serial': 'serial',
      'query.projectId': 'projectId',
      'body.projectId': 'projectId',
      'body.verifierOrganisationId': 'organisationId',
      'body.project.methodologyVersionId': 'methodologyVersionId',
      'body.officerId': 'userId',
      'body.commentId': 'commentId',
      'body.toAccountNo': 'accountNo',
      'body.blockPrefix': 'blockPrefix',
      'body.documentIds[*]': 'documentId',
    },
    operations: [
      { pathRegex: '^/registrations/\\{caseNo\\}', parameters: { 'path.caseNo': 'registrationCaseNo', 'path.id': 'registrationDocumentId' } },
      { pathRegex: '^/issuances/\\{caseNo\\}', parameters: { 'path.caseNo': 'issuanceCaseNo', 'path.id': 'issuanceDocumentId' } },
      { pathRegex: '^/public/publicity/\\{id\\}', parameters: { 'path.id': 'noticeId' } },
      { pathRegex: '^/admin/organisations/\\{id\\}', parameters: { 'path.id': 'organisationId' } },
    ],
  };
}

/** Seeding goes through the API; a refusal here is a broken fixture, not a contract finding, so it says where. */
function expectOk(res: { status: number; body: Record<string, unknown> }, url: string) {
  if (res.status >= 300) throw new Error(`contract seed: ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, string>; // caseNo, id, accountNo: the identifiers this seed reads back
}
