import { ApplicationFailure } from '@temporalio/workflow';
import { MATERIALS_REQUIREMENT } from '../../libs/domain/src';
import { caseWorkflowId, type CaseInput } from '../../libs/temporal/src';
import { call } from './activity-calls';
import type { Effect } from './case-kernel';

/** The I/O of the steps both case types share: submission with complete materials (BJ-13, BJ-21); the publicity notice and its comments (BJ-15 = BJ-23). */
export function caseEffects(input: CaseInput): Record<string, Effect> {
  const rule = MATERIALS_REQUIREMENT[input.caseType];
  return {
    submit: {
      before: async () => {
        const missing = await call('missingMaterials', `check ${rule} materials are complete`, input.caseNo, input.caseType);
        if (missing.length) throw ApplicationFailure.nonRetryable(`${rule}: materials missing: ${missing.join(', ')}.`, 'MATERIALS_INCOMPLETE', { missing });
      },
    },
    openPublicity: {
      // After the transition: the notice is published until the deadline just computed.
      after: async ({ state, at }) => {
        await call('openPublicityNotice', `publish publicity notice, round ${state.round}`, {
          key: `${caseWorkflowId(input.caseType, input.caseNo)}/publicity/${state.round}`,
          caseNo: input.caseNo, caseType: input.caseType, round: state.round, openedAt: at,
          closesAt: state.deadline!.closesAt, calendarVersion: state.deadline!.calendarVersion,
        });
      },
    },
    dismissComment: {
      before: async ({ state, args, actor, at }) => {
        await call('dismissComment', `dismiss comment ${String(args.commentId)} (${String(args.reason)})`, {
          caseNo: input.caseNo, round: state.round, commentId: String(args.commentId), reason: String(args.reason), note: (args.note as string | null) ?? null, actor: actor!, at,
        });
      },
    },
    closePublicity: {
      before: async ({ state, passed }) => {
        const { standingComments } = await call('closePublicityNotice', `close publicity round ${state.round}; count standing comments`, {
          caseNo: input.caseNo, round: state.round, closedAt: passed!.closesAt,
        });
        return { outcome: standingComments > 0 ? 'standing' : 'clean', result: { standingComments } };
      },
    },
  };
}
