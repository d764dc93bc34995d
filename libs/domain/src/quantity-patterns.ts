/**
 * BJ-20: how a quantity is written — patterns only, no imports, so the console's forms check a quantity by the
 * same rule the API applies (apps/console imports this file; the domain's parsers in quantity.ts use it too).
 */

/** tCO2e: non-negative, at most 12 integer digits and 6 decimal places, plain notation (no exponent, no sign). */
export const QUANTITY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/;
/** Credits move in whole tonnes (BJ-20; SZ-14 minimum unit 1 tCO2e). */
export const WHOLE_TONNES_PATTERN = /^[1-9]\d{0,11}$/;
