/**
 * Human-readable case numbers (design.md): BJ-REG-2026-000123, BJ-ISS-2027-000001 (each rule pack formats
 * its own). The workflow ID is the business key built from it, so an operator finds the case in the
 * Temporal UI by the number on the letter.
 */
export const CASE_NUMBER_PATTERN = /^[A-Z]{2}-(REG|ISS)-\d{4}-\d{6}$/;

/** The case type a well-formed case number names, or null for anything else (which is then no case at all). */
export function caseTypeOfNumber(caseNo: string): 'registration' | 'issuance' | null {
  const m = typeof caseNo === 'string' ? CASE_NUMBER_PATTERN.exec(caseNo) : null;
  return m ? (m[1] === 'REG' ? 'registration' : 'issuance') : null;
}
