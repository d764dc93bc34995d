import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/** The case page's answers, as the API documents them (GET /registrations/{caseNo}, GET /issuances/{caseNo}). */
export type RegistrationCase = components['schemas']['RegistrationCaseView'];
export type IssuanceCase = components['schemas']['IssuanceCaseView'];
export type CaseType = 'registration' | 'issuance';
/** A case of either type, tagged with its type (the case number's prefix says which). */
export type CaseView = ({ caseType: 'registration' } & RegistrationCase) | ({ caseType: 'issuance' } & IssuanceCase);
export type CaseStatus = CaseView['status'];
export type CaseAction = CaseView['allowedActions'][number];
export type CaseDocument = components['schemas']['CaseDocumentView'];
export type DocumentKind = CaseView['uploadableKinds'][number];
export type DeadlineExplanation = components['schemas']['CaseDeadlineView'];

/** `BJ-REG-2026-000123` is a registration, `BJ-ISS-2027-000001` an issuance; anything else is no case. */
export function caseTypeOf(caseNo: string): CaseType | null {
  const m = /^[A-Z]{2}-(REG|ISS)-\d{4}-\d{6}$/.exec(caseNo);
  return m ? (m[1] === 'REG' ? 'registration' : 'issuance') : null;
}

/** Query keys: an action on a case refreshes the case, its deadline and the worklists. */
export const caseKeys = {
  case: (caseNo: string) => ['case', caseNo],
  deadline: (caseNo: string) => ['deadline', caseNo],
  afterAction: (caseNo: string) => [['case', caseNo], ['deadline', caseNo], ['worklist']],
};

/** The case page's case, whatever its type. */
export function useCase(caseNo: string) {
  const caseType = caseTypeOf(caseNo);
  return useQuery({
    queryKey: caseKeys.case(caseNo),
    enabled: caseType !== null,
    queryFn: async (): Promise<CaseView> => {
      const params = { params: { path: { caseNo } } };
      return caseType === 'registration'
        ? { caseType, ...unwrap(await api.GET('/registrations/{caseNo}', params)) }
        : { caseType: 'issuance', ...unwrap(await api.GET('/issuances/{caseNo}', params)) };
    },
  });
}

/** The running deadline counted day by day (CAL-2); only asked for when the case has one. */
export function useDeadlineExplanation(c: CaseView) {
  return useQuery({
    queryKey: caseKeys.deadline(c.caseNo),
    enabled: c.deadlineKind !== null && c.deadlineStartedAt !== null,
    queryFn: async () => unwrap(await api.GET('/cases/{caseNo}/deadline', { params: { path: { caseNo: c.caseNo } } })),
  });
}

/** A document's bytes, fetched with the session's token (the browser cannot send it on a plain link). */
export async function documentBlob(c: CaseView, documentId: string): Promise<Blob> {
  const params = { params: { path: { caseNo: c.caseNo, id: documentId } }, parseAs: 'blob' as const };
  return c.caseType === 'registration'
    ? unwrap(await api.GET('/registrations/{caseNo}/documents/{id}', params))
    : unwrap(await api.GET('/issuances/{caseNo}/documents/{id}', params));
}

/** Uploads one material (multipart: kind + file); the answer carries its SHA-256 (BJ-31). */
export async function uploadDocument(c: CaseView, kind: DocumentKind, file: File): Promise<CaseDocument> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  // The document types the binary part as a string; the serializer sends the FormData built above instead.
  const init = { params: { path: { caseNo: c.caseNo } }, body: { kind, file: file.name }, bodySerializer: () => form };
  return c.caseType === 'registration'
    ? unwrap(await api.POST('/registrations/{caseNo}/documents', init))
    : unwrap(await api.POST('/issuances/{caseNo}/documents', init));
}
