import { DomainError } from '../errors';
import { ISSUANCE_MATERIALS } from '../issuance/issuance-application';
import type { CaseType } from '../packs/rule-pack';
import { REGISTRATION_MATERIALS } from '../registration/eligibility';

/** Kinds of document uploaded later in a case's life, by either case type. */
export const LATER_DOCUMENT_KINDS = ['supplement', 'revision', 'comment_response', 'other'] as const;

/** What may be uploaded to a case of each type: its application materials (BJ-13, BJ-21) and the later kinds. */
export const DOCUMENT_KINDS = {
  registration: [...REGISTRATION_MATERIALS, ...LATER_DOCUMENT_KINDS],
  issuance: [...ISSUANCE_MATERIALS, ...LATER_DOCUMENT_KINDS],
} as const;

/** The requirement that lists each case type's application materials, for messages. */
export const MATERIALS_REQUIREMENT = { registration: 'BJ-13', issuance: 'BJ-21' } as const;

/** The application materials each case type needs before it can be submitted (BJ-13, BJ-21). */
export const APPLICATION_MATERIALS: { readonly [T in CaseType]: readonly string[] } = { registration: REGISTRATION_MATERIALS, issuance: ISSUANCE_MATERIALS };

/** BJ-13 / BJ-21: a case's materials checklist — what its type needs, and what is still missing given the kinds uploaded. */
export function materialsChecklist(caseType: CaseType, uploadedKinds: readonly string[]) {
  const required = APPLICATION_MATERIALS[caseType];
  return { requirement: MATERIALS_REQUIREMENT[caseType], required: [...required], missing: required.filter((k) => !uploadedKinds.includes(k)) };
}

/** Every kind any case accepts (the database's list). */
export const CASE_DOCUMENT_KINDS = [...new Set([...DOCUMENT_KINDS.registration, ...DOCUMENT_KINDS.issuance])] as readonly string[];

export function assertDocumentKind(caseType: 'registration' | 'issuance', kind: string): void {
  if (!(DOCUMENT_KINDS[caseType] as readonly string[]).includes(kind)) {
    throw new DomainError('VALIDATION_FAILED', `A ${caseType} case takes documents of kind ${DOCUMENT_KINDS[caseType].join(', ')}; not ${kind}.`, { field: 'kind' });
  }
}
