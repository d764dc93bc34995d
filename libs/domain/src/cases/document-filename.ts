import { DomainError } from '../errors';

/** Longest file name kept, in characters (code points) after NFC: what common file systems allow. */
export const MAX_DOCUMENT_FILENAME_CHARACTERS = 255;

/** A UTF-16 surrogate without its partner: no UTF-8 encoding, and PostgreSQL refuses it. */
export const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0, DEL and C1 controls: tab and newline have no place in a file name either.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Bidirectional embedding/override/isolate marks turn "report‮fdp.exe" into what reads as "reportexe.pdf".
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A case document's file name as it is stored and sent back (BJ-31 materials): NFC-normalised, refused with
 * VALIDATION_FAILED naming `field` when it is empty, longer than 255 characters, or holds control characters,
 * bidirectional controls or unpaired surrogates. U+FFFD (what a decoder leaves of bytes that are not UTF-8) is
 * refused too: such a name would be stored garbled.
 */
export function documentFilename(raw: string, field = 'file'): string {
  const refuse = (why: string) => {
    throw new DomainError('VALIDATION_FAILED', `${field}: the file name ${why}.`, { field });
  };
  if (UNPAIRED_SURROGATE.test(raw)) refuse('contains an unpaired surrogate');
  const name = raw.normalize('NFC');
  if (name.length === 0) refuse('is empty');
  if (CONTROL.test(name)) refuse('contains control characters');
  if (BIDI_CONTROL.test(name)) refuse('contains bidirectional control characters');
  if (name.includes('\uFFFD')) refuse('is not valid UTF-8 (send file names in UTF-8)');
  const characters = [...name].length;
  if (characters > MAX_DOCUMENT_FILENAME_CHARACTERS) refuse(`has ${characters} characters; at most ${MAX_DOCUMENT_FILENAME_CHARACTERS} are allowed`);
  return name;
}
