import { DomainError } from '../errors';

/**
 * When materials may be uploaded to a case of either type: while drafting, and when the registry asked for
 * a supplement or standing comments asked for a revision (BJ-15, BJ-23). Both tables name these states alike.
 */
export const MATERIAL_UPLOAD_STATUSES = ['draft', 'awaiting_supplement', 'awaiting_revision'] as const;

export function assertCanUploadMaterials(status: string): void {
  if (!(MATERIAL_UPLOAD_STATUSES as readonly string[]).includes(status)) {
    throw new DomainError('WRONG_STATE', `Materials cannot be uploaded while the case is ${status}; uploads are open when the case is ${MATERIAL_UPLOAD_STATUSES.join(', ')}.`, { status });
  }
}
