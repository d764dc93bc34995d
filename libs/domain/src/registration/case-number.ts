/**
 * Human-readable case numbers (design.md): BJ-REG-2026-000123. The workflow ID is the business key
 * built from it, so an operator finds the case in Temporal UI by the number on the letter.
 */
export function formatCaseNumber(jurisdiction: string, kind: 'REG' | 'ISS', year: number, seq: number): string {
  return `${jurisdiction}-${kind}-${year}-${String(seq).padStart(6, '0')}`;
}

export const CASE_NUMBER_PATTERN = /^[A-Z]{2}-(REG|ISS)-\d{4}-\d{6}$/;
