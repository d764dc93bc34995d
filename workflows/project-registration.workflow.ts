import type { CaseInput, RegistrationCaseView } from '../libs/temporal/src';
import { call } from './shared/activity-calls';
import { caseEffects } from './shared/case-effects';
import { runCase } from './shared/case-kernel';

/**
 * A Class I project registration case (BJ-13…BJ-16), from submission to registered, rejected, lapsed or
 * withdrawn. The procedure — who may act when, what follows, deadlines, notices — is the rule pack's table
 * (libs/domain packs); the kernel runs it. Here: only this case type's own I/O.
 */
export async function projectRegistrationWorkflow(input: CaseInput): Promise<RegistrationCaseView> {
  return runCase<RegistrationCaseView>(input, {
    effects: {
      ...caseEffects(input),
      completeRegistration: {
        before: async ({ at }) => {
          const { registrationNo } = await call('registerProject', 'assign registration number; project becomes Class I', { caseNo: input.caseNo, at });
          return { facts: { registrationNo }, result: { registrationNo } };
        },
      },
    },
    view: (s) => ({ registrationNo: (s.facts.registrationNo as string | undefined) ?? null }),
  });
}
