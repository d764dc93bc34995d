import { Tonnes, wholeTonnesDown } from '../quantity';

/** Which branch of the over-claim rule decided the issued quantity (shown to every party). */
export const OVER_CLAIM_BASES = ['claimed', 'audited', 'audited_minus_excess'] as const;
export type OverClaimBasis = (typeof OVER_CLAIM_BASES)[number];

export interface IssuedQuantity {
  issued: Tonnes;
  excess: Tonnes;
  /** 5 % of audited: an excess this large or larger is deducted. */
  threshold: Tonnes;
  basis: OverClaimBasis;
  /** The rule in words, e.g. "excess 5 ≥ 5 % of audited 100: issue audited − excess". */
  explanation: string;
}

/** BJ-23 (Art. 23): an excess of 5 % of the audited quantity or more is deducted from what is issued. */
const TOLERANCE = new Tonnes('0.05');

/**
 * BJ-23 over-claim rule, excess = claimed − audited:
 * claimed ≤ audited → issue claimed; excess < 5 % of audited → issue audited;
 * excess ≥ 5 % of audited → issue audited − excess, never below 0. Then whole tonnes, rounded down (BJ-20).
 */
export function issuedQuantity(claimed: Tonnes, audited: Tonnes): IssuedQuantity {
  const excess = claimed.minus(audited);
  const threshold = audited.times(TOLERANCE);
  if (excess.lte(0)) {
    return { issued: wholeTonnesDown(claimed), excess: new Tonnes(0), threshold, basis: 'claimed', explanation: `claimed ${claimed} ≤ audited ${audited}: issue the claimed quantity` };
  }
  if (excess.lt(threshold)) {
    return { issued: wholeTonnesDown(audited), excess, threshold, basis: 'audited', explanation: `excess ${excess} < 5 % of audited ${audited} (${threshold}): issue the audited quantity` };
  }
  const issued = Tonnes.max(audited.minus(excess), 0);
  return { issued: wholeTonnesDown(issued), excess, threshold, basis: 'audited_minus_excess', explanation: `excess ${excess} ≥ 5 % of audited ${audited} (${threshold}): issue audited − excess` };
}
