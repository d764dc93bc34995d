import { DomainError } from '../errors';
import { ISSUANCE_MATERIALS } from '../issuance/issuance-application';
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

/** Every kind any case accepts (the database's list). */
export const CASE_DOCUMENT_KINDS = [...new Set([...DOCUMENT_KINDS.registration, ...DOCUMENT_KINDS.issuance])] as readonly string[];

export function assertDocumentKind(caseType: 'registration' | 'issuance', kind: string): void {
  if (!(DOCUMENT_KINDS[caseType] as readonly string[]).includes(kind)) {
    throw new DomainError('VALIDATION_FAILED', `A ${caseType} case takes documents of kind ${DOCUMENT_KINDS[caseType].join(', ')}; not ${kind}.`, { field: 'kind' });
  }
}
