import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { session } from '../../auth/session';
import type { CaseAction, CaseView } from './caseApi';
import { sendCaseAction } from './caseActions';
import { ActionCard } from './actions/ActionCard';
import { AssignForm } from './actions/AssignForm';
import { ConfirmAction } from './actions/ConfirmAction';
import { RefuseForm } from './actions/RefuseForm';
import { ReviewForm } from './actions/ReviewForm';
import { RevisionForm } from './actions/RevisionForm';
import { SubmitToBureauForm } from './actions/SubmitToBureauForm';
import { SupplementForm } from './actions/SupplementForm';
import { Section } from './Section';

/** The decision the case waits for first, then taking or handing over the case (every action the API names has a place). */
const ORDER: Record<CaseAction, number> = {
  review: 0, openPublicity: 1, completeRegistration: 2, submitToBureau: 3, signOff: 4, refuse: 5, submit: 6, submitSupplement: 7, submitRevision: 8, claim: 9, assign: 10, dismissComment: 11,
};

/** The form of one action the API allows this user now. dismissComment sits with the comments (PublicityRounds). */
function ActionForm({ c, action }: { c: CaseView; action: CaseAction }) {
  const { t } = useTranslation('cases');
  const confirm = (send: (c: CaseView, key: string) => Promise<void>, danger = false) => (
    <ConfirmAction c={c} title={t(`action.${action}`)} explanation={t(`confirm.${action}`)} button={t(`confirm.${action}Button`)} danger={danger} send={(key) => send(c, key)} />
  );
  switch (action) {
    case 'submit':
      return confirm(sendCaseAction.submit);
    case 'claim':
      return confirm(sendCaseAction.claim);
    case 'openPublicity':
      return confirm(sendCaseAction.openPublicity);
    case 'completeRegistration':
      return confirm(sendCaseAction.completeRegistration);
    case 'signOff':
      return c.caseType === 'issuance' ? (
        <ConfirmAction
          c={c}
          title={t('action.signOff')}
          explanation={t('confirm.signOff', { issuable: c.issuable?.tco2e ?? '—', organisation: c.organisationName })}
          button={t('confirm.signOffButton')}
          send={(key) => sendCaseAction.signOff(c, key)}
        />
      ) : null;
    case 'assign':
      return (
        <ActionCard title={t('action.assign')}>
          <AssignForm c={c} currentOfficerId={c.assignedOfficerId} />
        </ActionCard>
      );
    case 'review':
      return <ReviewForm c={c} />;
    case 'submitSupplement':
      return <SupplementForm c={c} />;
    case 'submitRevision':
      return <RevisionForm c={c} />;
    case 'submitToBureau':
      return c.caseType === 'issuance' ? <SubmitToBureauForm c={c} /> : null;
    case 'refuse':
      return <RefuseForm c={c} />;
    case 'dismissComment':
      return null;
  }
}

/**
 * What this user may do on the case now: only the actions the API lists (the procedure table for this user:
 * ROLE-1, ROLE-2), each as a form. A bureau user who reviewed an issuance is told why sign-off is not offered.
 */
export function CaseActions({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const user = session.user();
  // Comments are dismissed where they are listed; claiming a case one already has would change nothing.
  const allowed: readonly CaseAction[] = c.allowedActions;
  const forms = allowed.filter((a) => a !== 'dismissComment' && !(a === 'claim' && c.assignedOfficerId === user?.userId)).sort((a, b) => ORDER[a] - ORDER[b]);
  const fourEyes =
    c.caseType === 'issuance' && user?.role === 'bureau' && c.status === 'awaiting_signoff' && c.reviewedBy.includes(user.userId) && !c.allowedActions.includes('signOff');
  return (
    <Section title={t('actions.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {fourEyes && <Alert type="info" role="note" showIcon title={t('actions.fourEyes')} />}
        {forms.length === 0 && (
          <Typography.Text>{c.allowedActions.includes('dismissComment') ? t('actions.onlyDismiss') : t('actions.none')}</Typography.Text>
        )}
        {forms.map((a) => (
          <ActionForm key={a} c={c} action={a} />
        ))}
      </Space>
    </Section>
  );
}
