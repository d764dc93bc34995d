import { randomUUID } from 'node:crypto';
import { ISSUANCE_MATERIALS, REGISTRATION_MATERIALS } from '../../libs/domain/src';
import { httpClient } from '../../scripts/demo/http-client';
import { serverNow, skipTime, stack, tokenFor, user, USERS } from './support';

/**
 * Cases in a given state for the browser tests, arranged over the real API as the people concerned would (the
 * developer files, the officer reviews, time skips past a publicity close on the time-skipping server) — never by
 * writing workflow state. Each returns what a test needs to find the case in the console.
 */
const api = () => httpClient(stack().baseUrl);

/** Polls the case until it reaches `status` (a deadline's step runs on the worker just after a skip). */
export async function reach(path: string, token: string, status: string) {
  for (let i = 0; i < 300; i++) {
    const c = await api().get(path, token);
    if (c.status === status) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not reach ${status}`);
}

/** The Beijing calendar day of an instant (ms). */
export const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** Skips the server's time just past an instant (a deadline's close). */
export async function skipPast(instant: string) {
  await skipTime(Date.parse(instant) - (await serverNow()) + 60_000);
}

/** A registration with every BJ-13 material, as a draft (`submit: false`) or submitted (waiting for an officer). */
export async function registrationSubmitted(o: { developer?: string; projectName?: string; submit?: boolean } = {}) {
  const dev = await tokenFor(o.developer ?? USERS.developer);
  const created = await api().post('/registrations', dev, {
    project: {
      name: o.projectName ?? `海淀区屋顶光伏 ${randomUUID().slice(0, 4)}`,
      location: '北京市海淀区',
      methodologyVersionId: stack().methodologyVersions.tier1,
      siteIdentifiers: [`BJ-PV-${randomUUID().slice(0, 8)}`],
      implementationStartDate: '2024-03-01',
    },
    attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
  });
  const caseNo: string = created.caseNo;
  for (const kind of REGISTRATION_MATERIALS) await api().upload(`/registrations/${caseNo}/documents`, dev, kind, `${kind}.pdf`, `%PDF-1.4 ${kind} ${caseNo}`);
  if (o.submit !== false) await api().post(`/registrations/${caseNo}/submit`, dev);
  return { caseNo, projectName: created.projectName as string };
}

/** A registration in publicity: claimed and passed by `officer`, its notice open to public comment. */
export async function registrationInPublicity(o: { officer?: string; projectName?: string } = {}) {
  const { caseNo, projectName } = await registrationSubmitted({ projectName: o.projectName });
  const officer = await tokenFor(o.officer ?? USERS.officer);
  await api().post(`/registrations/${caseNo}/claim`, officer);
  await api().post(`/registrations/${caseNo}/review`, officer, { outcome: 'pass' });
  const view = await api().post(`/registrations/${caseNo}/publicity`, officer);
  const notice = (await api().get('/public/publicity')).find((n: { caseNo: string }) => n.caseNo === caseNo);
  return { caseNo, projectName, noticeId: notice.id as string, closesAt: view.deadline.closesAt as string };
}

/** A registered (Class I) project: publicity closed without comments, registration completed (BJ-16). */
export async function registeredProject(o: { projectName?: string } = {}) {
  const { caseNo, closesAt, projectName } = await registrationInPublicity(o);
  const officer = await tokenFor(USERS.officer);
  await skipPast(closesAt);
  await reach(`/registrations/${caseNo}`, officer, 'awaiting_registration');
  const done = await api().post(`/registrations/${caseNo}/complete`, officer);
  // The action's answer is the case after the step (no project); the case page names the project.
  const { projectId } = await api().get(`/registrations/${caseNo}`, officer);
  return { caseNo, projectName, projectId: projectId as string, registrationNo: done.registrationNo as string };
}

/**
 * An issuance waiting for the bureau's sign-off (BJ-23): a registered project's first monitoring period (time skips
 * past its end), the verifier's report, reviewed by `reviewer` with the audited quantity, publicity closed clean,
 * and the registry's request to the bureau (unless `submitToBureau: false`: then it waits for that request).
 */
export async function issuanceAwaitingSignOff(o: { reviewer?: string; claimedTco2e?: string; auditedTco2e?: string; submitToBureau?: boolean } = {}) {
  const project = await registeredProject();
  const dev = await tokenFor(USERS.developer);
  const reviewer = await tokenFor(o.reviewer ?? USERS.officer);
  const verifier = user(USERS.verifier);
  // BJ-21: a monitoring period from the registration day that has ended before the filing day: time skips 3 days.
  const registeredOn = beijingDay(await serverNow());
  await skipTime(3 * 86_400_000);
  const yesterday = beijingDay((await serverNow()) - 86_400_000);
  const draft = await api().post('/issuances', dev, {
    projectId: project.projectId,
    monitoringPeriod: { start: registeredOn, end: yesterday },
    claimedTco2e: o.claimedTco2e ?? '1050.5',
    verifierOrganisationId: verifier.organisationId,
  });
  const caseNo: string = draft.caseNo;
  const path = `/issuances/${caseNo}`;
  const verifierToken = await tokenFor(USERS.verifier);
  for (const kind of ISSUANCE_MATERIALS) {
    await api().upload(`${path}/documents`, kind === 'verification_report' ? verifierToken : dev, kind, `${kind}.pdf`, `%PDF-1.4 ${kind} ${caseNo}`);
  }
  await api().post(`${path}/submit`, dev);
  await api().post(`${path}/claim`, reviewer);
  await api().post(`${path}/review`, reviewer, { outcome: 'pass', auditedTco2e: o.auditedTco2e ?? '1000' });
  const publicity = await api().post(`${path}/publicity`, reviewer);
  await skipPast(publicity.deadline.closesAt);
  await reach(path, reviewer, 'awaiting_bureau_submission');
  if (o.submitToBureau !== false) await api().post(`${path}/submit-to-bureau`, reviewer, { note: '审核通过，公示无异议。' });
  return { caseNo, project };
}

/** Credits in the developer's account: an issuance signed off by the bureau (the over-claim rule decides how many). */
export async function issuedCredits(o: { claimedTco2e?: string; auditedTco2e?: string } = {}) {
  const { caseNo, project } = await issuanceAwaitingSignOff(o);
  const view = await api().post(`/issuances/${caseNo}/sign-off`, await tokenFor(USERS.bureau));
  return { caseNo, project, block: view.block as { prefix: string; serialFrom: string; serialTo: string; accountNo: string }, issuedTco2e: view.issuedTco2e as string };
}
