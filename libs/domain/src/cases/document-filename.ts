import { DomainError } from '../errors';
import { safeText, TEXT_LIMITS } from '../text/safe-text';

// Bidirectional embedding/override/isolate marks turn "report\u202Efdp.exe" into what reads as "reportexe.pdf".
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A case document's file name as it is stored and sent back (BJ-31 materials): the one text rule (no control
 * characters or unpaired surrogates, NFC, at most 255 characters, not empty), and what a file name must not
 * hold besides: tabs and line breaks, bidirectional controls, and U+FFFD (what a decoder leaves of bytes
 * that are not UTF-8: such a name would be stored garbled). VALIDATION_FAILED naming `field` otherwise.
 */
export function documentFilename(raw: string, field = 'file'): string {
  const name = safeText(raw, field, { min: 1, max: TEXT_LIMITS.filename });
  const refuse = (why: string) => {
    throw new DomainError('VALIDATION_FAILED', `${field} ${why}.`, { field });
  };
  if (/[\t\n]/.test(name)) refuse('contains a tab or a line break');
  if (BIDI_CONTROL.test(name)) refuse('contains bidirectional control characters');
  if (name.includes('\uFFFD')) refuse('is not valid UTF-8 (send file names in UTF-8)');
  return name;
}
