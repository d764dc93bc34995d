import { DomainError } from '../errors';

/**
 * The one rule for free text that people send (notes, reasons, comments, names, file names): it must be
 * storable and mean what it shows. PostgreSQL refuses NUL in text and \u0000 or unpaired surrogates in
 * jsonb, so such input used to pass validation and then fail a projection write for good; other control
 * characters hide text from whoever reads it. Refused: C0/C1 controls except tab and newline (a CRLF or
 * lone CR line break becomes LF), unpaired UTF-16 surrogates, and the noncharacters U+FFFE/U+FFFF.
 * Accepted text is NFC-normalised, so the same words are stored as the same code points.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
/** Without the u flag a regex sees UTF-16 code units, so a high surrogate not followed by a low one (or vice versa) shows. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text that comes from the system rather than a person (an operator's cancellation reason typed into the
 * Temporal UI): never refused, since the step must happen, but made storable (forbidden characters and
 * unpaired surrogates become U+FFFD) and cut to `max` characters.
 */
export function sanitisedText(value: unknown, max: number): string {
  const text = normaliseText(
    (typeof value === 'string' ? value : '').replace(new RegExp(FORBIDDEN.source, 'gu'), '\uFFFD').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD'),
  );
  return [...text].slice(0, max).join('');
}

/** Limits in characters (code points, as PostgreSQL's char_length counts), shared by the edge and the schema. */
export const TEXT_LIMITS = {
  /** A person's or organisation's name, a project name, a location. */
  name: 200,
  /** Reasons for a review outcome or a refusal; a supplement note; a response to a comment. */
  reasons: 5000,
  /** A short note (dismissing a comment, asking the bureau). */
  note: 2000,
  /** A public comment (BJ-15). */
  comment: 5000,
  /** An e-mail or other contact a commenter leaves (personal data, never disclosed: BJ-31). */
  contact: 200,
  /** A site or asset identifier (BJ-14). */
  identifier: 100,
  /** An uploaded file's name. */
  filename: 255,
  /** Why credits move (kept in the journal). */
  ledgerReason: 500,
  /** Methodology texts (BJ-7). */
  methodologyText: 20000,
} as const;

/** Why `value` cannot be stored as text, or null when it can. */
export function textProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  const bad = FORBIDDEN.exec(value);
  if (bad) return `contains the control character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return null;
}

/** Line breaks as LF, NFC. Only for text that passed `textProblem`. */
export const normaliseText = (value: string): string => value.replace(/\r\n?/g, '\n').normalize('NFC');

/**
 * Returns the text as it is stored (normalised), or throws VALIDATION_FAILED naming `field`: not a string,
 * not storable (see above), empty when `min` ≥ 1 (blank text counts as empty), or longer than `max` characters.
 */
export function safeText(value: unknown, field: string, limits: { max: number; min?: number }): string {
  if (typeof value !== 'string') throw new DomainError('VALIDATION_FAILED', `${field} must be text.`, { field });
  const problem = textProblem(value.replace(/\r/g, '\n'));
  if (problem) throw new DomainError('VALIDATION_FAILED', `${field} ${problem}.`, { field });
  const text = normaliseText(value);
  const length = [...text].length;
  if (length > limits.max) throw new DomainError('VALIDATION_FAILED', `${field} is ${length} characters long; at most ${limits.max} are allowed.`, { field, max: limits.max });
  if ((limits.min ?? 0) > 0 && !text.trim()) throw new DomainError('VALIDATION_FAILED', `${field} must not be empty.`, { field });
  return text;
}

/** As `safeText`, for an optional field: undefined stays undefined. */
export const optionalSafeText = (value: unknown, field: string, limits: { max: number }): string | undefined =>
  value === undefined || value === null ? undefined : safeText(value, field, limits);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else never reaches a uuid column (PostgreSQL would refuse it with a 500). */
export function assertUuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new DomainError('VALIDATION_FAILED', `${field} must be a UUID.`, { field });
  return value.toLowerCase();
}
