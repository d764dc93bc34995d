import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import type { IssuanceCase } from '../caseApi';
import { sendCaseAction, useCaseAction } from '../caseActions';
import { ActionCard } from './ActionCard';

/** The registry asks the bureau to issue (BJ-23, within 10 working days of a clean close), with an optional note. */
export function SubmitToBureauForm({ c }: { c: { caseType: 'issuance' } & IssuanceCase }) {
  const { t } = useTranslation('cases');
  const submit = useCaseAction(c, (note: string | undefined, key) => sendCaseAction.submitToBureau(c, note, key));
  return (
    <ActionCard title={t('action.submitToBureau')}>
      <Form layout="vertical" onFinish={(v: { note?: string }) => submit.mutate(v.note?.trim() || undefined)}>
        <Typography.Paragraph>{t('submitToBureau.explanation', { issuable: c.issuable?.tco2e ?? '—' })}</Typography.Paragraph>
        <Form.Item name="note" label={t('submitToBureau.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <ErrorAlert error={submit.error} />
        <Button htmlType="submit" type="primary" loading={submit.isPending}>
          {t('submitToBureau.submit')}
        </Button>
      </Form>
    </ActionCard>
  );
}
