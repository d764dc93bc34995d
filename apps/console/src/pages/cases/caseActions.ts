import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { caseKeys, type CaseView } from './caseApi';
import { useAction } from '../../shared/useAction';

/**
 * The case actions as the API takes them: one POST per action on the case type's path, each with the
 * Idempotency-Key of its submission (useAction keeps it across retries). The answer is the case after the step;
 * the page reloads the case rather than reading it, so both types answer alike here.
 */
type Schemas = components['schemas'];
/** What an action needs of the case: its number and type (a worklist row has both). */
export type CaseRef = { caseType: CaseView['caseType']; caseNo: string };
export type ReviewBody = Schemas['IssuanceReviewDto'];
export type DismissBody = Schemas['DismissCommentDto'];
export type SupplementBody = Schemas['SupplementDto'];
export type RevisionBody = Schemas['RevisionDto'];

const on = (c: CaseRef, key: string) => ({ params: { path: { caseNo: c.caseNo } }, headers: { 'Idempotency-Key': key } });
type Answer = { data?: unknown; error?: unknown; response: Response };
const done = async (r: Promise<Answer>) => void unwrap(await r);
/** The registration or the issuance endpoint of one action. */
const either = (c: CaseRef, registration: () => Promise<Answer>, issuance: () => Promise<Answer>) => done(c.caseType === 'registration' ? registration() : issuance());

export const sendCaseAction = {
  submit: (c: CaseRef, key: string) => either(c, () => api.POST('/registrations/{caseNo}/submit', on(c, key)), () => api.POST('/issuances/{caseNo}/submit', on(c, key))),
  claim: (c: CaseRef, key: string) => either(c, () => api.POST('/registrations/{caseNo}/claim', on(c, key)), () => api.POST('/issuances/{caseNo}/claim', on(c, key))),
  assign: (c: CaseRef, officerId: string, key: string) =>
    either(c, () => api.POST('/registrations/{caseNo}/assign', { ...on(c, key), body: { officerId } }), () => api.POST('/issuances/{caseNo}/assign', { ...on(c, key), body: { officerId } })),
  review: (c: CaseRef, body: ReviewBody, key: string) =>
    either(
      c,
      () => api.POST('/registrations/{caseNo}/review', { ...on(c, key), body: { outcome: body.outcome, reasons: body.reasons } }),
      () => api.POST('/issuances/{caseNo}/review', { ...on(c, key), body }),
    ),
  submitSupplement: (c: CaseRef, body: SupplementBody, key: string) =>
    either(c, () => api.POST('/registrations/{caseNo}/supplement', { ...on(c, key), body }), () => api.POST('/issuances/{caseNo}/supplement', { ...on(c, key), body })),
  openPublicity: (c: CaseRef, key: string) =>
    either(c, () => api.POST('/registrations/{caseNo}/publicity', on(c, key)), () => api.POST('/issuances/{caseNo}/publicity', on(c, key))),
  dismissComment: (c: CaseRef, commentId: string, body: DismissBody, key: string) => {
    const init = { params: { path: { caseNo: c.caseNo, commentId } }, headers: { 'Idempotency-Key': key }, body };
    return either(c, () => api.POST('/registrations/{caseNo}/comments/{commentId}/dismiss', init), () => api.POST('/issuances/{caseNo}/comments/{commentId}/dismiss', init));
  },
  submitRevision: (c: CaseRef, body: RevisionBody, key: string) =>
    either(c, () => api.POST('/registrations/{caseNo}/revision', { ...on(c, key), body }), () => api.POST('/issuances/{caseNo}/revision', { ...on(c, key), body })),
  completeRegistration: (c: CaseRef, key: string) => done(api.POST('/registrations/{caseNo}/complete', on(c, key))),
  submitToBureau: (c: CaseRef, note: string | undefined, key: string) => done(api.POST('/issuances/{caseNo}/submit-to-bureau', { ...on(c, key), body: { note } })),
  signOff: (c: CaseRef, key: string) => done(api.POST('/issuances/{caseNo}/sign-off', on(c, key))),
  refuse: (c: CaseRef, reasons: string, key: string) => done(api.POST('/issuances/{caseNo}/refuse', { ...on(c, key), body: { reasons } })),
};

/** An action on this case through useAction: an Idempotency-Key per submission; the case, its deadline and the worklists reload after. */
export function useCaseAction<A>(c: CaseRef, send: (args: A, key: string) => Promise<void>) {
  return useAction(send, caseKeys.afterAction(c.caseNo));
}
