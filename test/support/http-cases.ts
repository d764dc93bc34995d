import { randomUUID } from 'node:crypto';
import type { Actor } from '../../libs/domain/src';
import { REGISTRATION_MATERIALS } from '../../libs/domain/src';
import type { startApi } from './api-harness';
import type { Registry } from './fixtures';

/**
 * Registration cases driven over HTTP as people drive them, for end-to-end tests that need a case in a given
 * state: a draft with its BJ-13 materials, submitted, or in publicity. Every step must succeed.
 */
export function httpCases(api: Awaited<ReturnType<typeof startApi>>, r: Registry) {
  const post = (a: Actor, url: string, body: object = {}) => api.http().post(url).set(api.bearer(a)).send(body);
  const application = (over: Record<string, unknown> = {}) => ({
    project: { name: '朝阳区屋顶光伏', location: '北京市朝阳区', methodologyVersionId: r.tier1, siteIdentifiers: [`SITE-${randomUUID().slice(0, 8)}`], implementationStartDate: '2024-03-01', ...over },
    attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
  });
  async function draft(developer: Actor = r.developer): Promise<string> {
    const caseNo: string = (await post(developer, '/registrations', application()).expect(201)).body.caseNo;
    for (const kind of REGISTRATION_MATERIALS) {
      await api.http().post(`/registrations/${caseNo}/documents`).set(api.bearer(developer)).field('kind', kind).attach('file', Buffer.from(`${kind} ${randomUUID()}`), `${kind}.pdf`).expect(201);
    }
    return caseNo;
  }
  async function submitted(): Promise<string> {
    const caseNo = await draft();
    await post(r.developer, `/registrations/${caseNo}/submit`).expect(200);
    return caseNo;
  }
  async function inPublicity(): Promise<string> {
    const caseNo = await submitted();
    await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'pass' }).expect(200);
    await post(r.officer, `/registrations/${caseNo}/publicity`).expect(200);
    return caseNo;
  }
  return { post, application, draft, submitted, inPublicity };
}
