import Decimal from 'decimal.js';
import { DomainError } from './errors';
import { QUANTITY_PATTERN, WHOLE_TONNES_PATTERN } from './quantity-patterns';

/**
 * BJ-20 Decision: reductions are tCO2e; claimed and verified quantities are decimals with up to 6
 * places, issued credits are whole tonnes rounded down. Quantities are decimal.js in the domain and
 * strings across HTTP and Temporal payloads — never JS numbers, which cannot hold 0.1 exactly.
 */
export const Tonnes = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_DOWN });
export type Tonnes = Decimal;

export { QUANTITY_PATTERN, WHOLE_TONNES_PATTERN };

export function parseQuantity(value: string, field: string): Tonnes {
  if (typeof value !== 'string' || !QUANTITY_PATTERN.test(value)) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be a decimal number of tCO2e with at most 6 decimal places, as a string (got ${JSON.stringify(value)}).`, { field });
  }
  return new Tonnes(value);
}

/** BJ-20: a claimed quantity is more than nothing. */
export function parsePositiveQuantity(value: string, field: string): Tonnes {
  const q = parseQuantity(value, field);
  if (q.lte(0)) throw new DomainError('VALIDATION_FAILED', `${field} must be more than 0 tCO2e.`, { field });
  return q;
}

export function parseWholeTonnes(value: string, field: string): Tonnes {
  if (typeof value !== 'string' || !WHOLE_TONNES_PATTERN.test(value)) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be a positive whole number of tonnes, as a string (got ${JSON.stringify(value)}).`, { field });
  }
  return new Tonnes(value);
}

/** BJ-20: issued credits are whole tonnes, rounded down. */
export const wholeTonnesDown = (q: Tonnes): Tonnes => q.toDecimalPlaces(0, Decimal.ROUND_DOWN);
