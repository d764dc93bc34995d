import { DomainError } from '../errors';
import { Tonnes } from '../quantity';

/**
 * LED-2: every issuance is a block of serial numbers 1…N under a unique, readable prefix built from the
 * jurisdiction and project (the registration number), the vintage and the project's issuance sequence:
 * BJ-TPH-I-2026-0001-V2025-01. Serial 42 of that block reads BJ-TPH-I-2026-0001-V2025-01-000000042.
 */
export function blockPrefix(registrationNo: string, vintage: number, issuanceSequence: number): string {
  return `${registrationNo}-V${vintage}-${String(issuanceSequence).padStart(2, '0')}`;
}

const SERIAL_DIGITS = 9;
export const formatSerial = (prefix: string, serial: string | number): string => `${prefix}-${String(serial).padStart(SERIAL_DIGITS, '0')}`;

/** Splits a full serial back into its block prefix and number, or refuses with a clear message. */
export function parseSerial(serial: string): { prefix: string; serial: string } {
  const m = /^(.+-V\d{4}-\d{2,})-(\d{9})$/.exec(serial);
  if (!m) throw new DomainError('VALIDATION_FAILED', `"${serial}" is not a credit serial number (e.g. BJ-TPH-I-2026-0001-V2025-01-000000042).`);
  return { prefix: m[1], serial: String(Number(m[2])) };
}

/** A contiguous run of serials of one block held by one account; bounds inclusive, as decimal strings. */
export interface HeldRange {
  holdingId: string;
  blockId: string;
  serialFrom: string;
  serialTo: string;
}

export interface RangeTake {
  holdingId: string;
  blockId: string;
  /** The serials that move. */
  serialFrom: string;
  serialTo: string;
  /** What stays with the source, if the take splits the held range. */
  remainder: { serialFrom: string; serialTo: string } | null;
}

export const rangeSize = (r: { serialFrom: string; serialTo: string }): Tonnes => new Tonnes(r.serialTo).minus(r.serialFrom).plus(1);

/**
 * LED-2: which serials a movement of `quantity` takes from the holder's ranges, lowest first in the
 * order given; a partial take splits a range (the lower serials move, the upper stay). Refuses when
 * the holder does not hold enough (LED-3: no negative holding).
 *
 * The specification of the SQL function `ledger_move`, which makes every movement in one round trip:
 * test/integration/ledger-move.int-spec.ts runs these cases through both and compares.
 */
export function takeSerials(held: readonly HeldRange[], quantity: Tonnes): RangeTake[] {
  const takes: RangeTake[] = [];
  let left = quantity;
  for (const r of held) {
    if (left.lte(0)) break;
    const size = rangeSize(r);
    if (size.lte(left)) {
      takes.push({ holdingId: r.holdingId, blockId: r.blockId, serialFrom: r.serialFrom, serialTo: r.serialTo, remainder: null });
      left = left.minus(size);
    } else {
      const lastTaken = new Tonnes(r.serialFrom).plus(left).minus(1);
      takes.push({
        holdingId: r.holdingId,
        blockId: r.blockId,
        serialFrom: r.serialFrom,
        serialTo: lastTaken.toFixed(),
        remainder: { serialFrom: lastTaken.plus(1).toFixed(), serialTo: r.serialTo },
      });
      left = new Tonnes(0);
    }
  }
  if (left.gt(0)) {
    const available = held.reduce((s, r) => s.plus(rangeSize(r)), new Tonnes(0));
    throw new DomainError('INSUFFICIENT_HOLDINGS', `LED-3: the account holds ${available} matching credits; ${quantity} were asked for.`, {
      available: available.toFixed(),
      requested: quantity.toFixed(),
    });
  }
  return takes;
}
