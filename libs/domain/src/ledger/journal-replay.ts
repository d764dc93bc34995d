/**
 * LED-3: replaying the journal must reproduce every holding. Given the lines in journal order, rebuild
 * each account's serial ranges per block; a debit of serials the account does not hold (a negative
 * holding) or a credit of serials someone already holds is a broken invariant, reported, not thrown.
 * Serials are integers, so native bigint is exact here.
 */
export interface ReplayLine {
  entryId: string;
  accountId: string;
  blockId: string;
  serialFrom: string;
  serialTo: string;
  amount: string;
}

export type Interval = [bigint, bigint];
/** `${accountId}/${blockId}` → disjoint, sorted, merged intervals. */
export type ReplayedHoldings = Map<string, Interval[]>;

export interface ReplayResult {
  holdings: ReplayedHoldings;
  violations: string[];
}

export const holdingKey = (accountId: string, blockId: string) => `${accountId}/${blockId}`;

/** `sourceAccountIds`: the issuance accounts, which create serials rather than hold them. */
export function replayJournal(lines: readonly ReplayLine[], sourceAccountIds: ReadonlySet<string>): ReplayResult {
  const holdings: ReplayedHoldings = new Map();
  const heldBy = new Map<string, Interval[]>(); // blockId → every held interval, to catch double holding
  const violations: string[] = [];
  for (const l of lines) {
    const iv: Interval = [BigInt(l.serialFrom), BigInt(l.serialTo)];
    const key = holdingKey(l.accountId, l.blockId);
    const credit = BigInt(l.amount) > 0n;
    if (sourceAccountIds.has(l.accountId)) {
      if (credit) violations.push(`entry ${l.entryId}: an issuance account was credited`);
      continue;
    }
    if (credit) {
      const all = heldBy.get(l.blockId) ?? [];
      if (all.some((h) => overlaps(h, iv))) violations.push(`entry ${l.entryId}: serials ${l.serialFrom}–${l.serialTo} of block ${l.blockId} credited while held elsewhere`);
      heldBy.set(l.blockId, add(all, iv));
      holdings.set(key, add(holdings.get(key) ?? [], iv));
    } else {
      const mine = holdings.get(key) ?? [];
      if (!mine.some((h) => h[0] <= iv[0] && iv[1] <= h[1])) {
        violations.push(`entry ${l.entryId}: account ${l.accountId} debited serials ${l.serialFrom}–${l.serialTo} it did not hold (negative holding)`);
        continue;
      }
      holdings.set(key, remove(mine, iv));
      heldBy.set(l.blockId, remove(heldBy.get(l.blockId) ?? [], iv));
    }
  }
  for (const [k, v] of holdings) if (!v.length) holdings.delete(k);
  return { holdings, violations };
}

/** Sorted, merged intervals (adjacent ones join): the canonical form two holdings are compared in. */
export function normalise(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1] + 1n) last[1] = iv[1] > last[1] ? iv[1] : last[1];
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

const overlaps = (a: Interval, b: Interval) => a[0] <= b[1] && b[0] <= a[1];
const add = (set: Interval[], iv: Interval) => normalise([...set, iv]);

function remove(set: Interval[], iv: Interval): Interval[] {
  const out: Interval[] = [];
  for (const h of set) {
    if (!overlaps(h, iv)) out.push(h);
    else {
      if (h[0] < iv[0]) out.push([h[0], iv[0] - 1n]);
      if (iv[1] < h[1]) out.push([iv[1] + 1n, h[1]]);
    }
  }
  return out;
}
