import { QUANTITY_PATTERN, WHOLE_TONNES_PATTERN } from '../../../../libs/domain/src/quantity-patterns';

/**
 * Quantities typed into a form, checked by the API's own patterns (BJ-20; libs/domain/src/quantity-patterns.ts) and
 * kept as the strings the person typed: never through a JS number, which cannot hold 0.1 exactly.
 */

/** A claimed quantity: a decimal with at most 6 places, more than 0 (a matching string is positive iff it has a non-zero digit). */
export const isClaimableQuantity = (value: string): boolean => QUANTITY_PATTERN.test(value) && /[1-9]/.test(value);

/** Credits move in whole tonnes (LED-2). */
export const isWholeTonnes = (value: string): boolean => WHOLE_TONNES_PATTERN.test(value);

/** The exact sum of whole-tonne strings (holdings, serial counts), as a string: BigInt, never Number. */
export const sumWholeTonnes = (values: readonly string[]): string => values.reduce((sum, v) => sum + BigInt(v), 0n).toString();

/** A serial's number within its block as written in a serial: 9 digits (glossary: Serial). */
export const serialNumber = (n: string): string => n.padStart(9, '0');
