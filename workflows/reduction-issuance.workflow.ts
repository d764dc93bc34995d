import { issuable } from '../libs/domain/src';
import type { CaseInput, IssuanceCaseView } from '../libs/temporal/src';
import { call } from './shared/activity-calls';
import { caseEffects } from './shared/case-effects';
import { runCase } from './shared/case-kernel';

/**
 * A reduction issuance case (BJ-21…BJ-23): review fixes the audited quantity → publicity → the registry asks
 * the bureau → a bureau user who did not review signs off (ROLE-2) → the over-claim rule's quantity is
 * issued as one serial block (LED-2), exactly once whatever is retried. The procedure is the rule pack's
 * table; the kernel runs it. Here: only this case type's own I/O and facts.
 */
export async function reductionIssuanceWorkflow(input: CaseInput): Promise<IssuanceCaseView> {
  return runCase<IssuanceCaseView>(input, {
    effects: {
      ...caseEffects(input),
      // BJ-23: a passing review fixes the audited quantity the over-claim rule works on.
      review: { before: async ({ args }) => ({ facts: { auditedTco2e: args.auditedTco2e ?? null } }) },
      signOff: {
        before: async ({ state, actor, at }) => {
          const quantity = issuable(state.facts)!.tco2e;
          const block = await call('issueCredits', `issue ${quantity} t as one serial block (idempotent per case)`, {
            caseNo: input.caseNo, quantity, signedOffBy: { userId: actor!.userId, name: actor!.name }, at,
          });
          return { facts: { signedOffBy: actor!.userId, issuedTco2e: quantity, block }, result: { issuedTco2e: quantity, basis: issuable(state.facts)!.basis, block } };
        },
      },
    },
    view: (s) => {
      const f = s.facts;
      return {
        claimedTco2e: String(f.claimedTco2e),
        auditedTco2e: (f.auditedTco2e as string | null | undefined) ?? null,
        issuable: issuable(f),
        reviewedBy: [...s.reviewers],
        signedOffBy: (f.signedOffBy as string | undefined) ?? null,
        issuedTco2e: (f.issuedTco2e as string | undefined) ?? null,
        block: (f.block as IssuanceCaseView['block'] | undefined) ?? null,
      };
    },
  });
}
