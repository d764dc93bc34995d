import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import type { CaseView } from '../caseApi';
import { sendCaseAction, useCaseAction } from '../caseActions';
import { ActionCard } from './ActionCard';

/** The bureau refuses issuance, with its reasons (the case closes as rejected). */
export function RefuseForm({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const refuse = useCaseAction(c, (reasons: string, key) => sendCaseAction.refuse(c, reasons, key));
  return (
    <ActionCard title={t('action.refuse')}>
      <Form layout="vertical" onFinish={(v: { reasons: string }) => refuse.mutate(v.reasons.trim())}>
        <Form.Item name="reasons" label={t('refuse.reasons')} rules={[{ required: true, whitespace: true, message: t('refuse.reasonsRequired') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <ErrorAlert error={refuse.error} />
        <Button htmlType="submit" danger loading={refuse.isPending}>
          {t('refuse.submit')}
        </Button>
      </Form>
    </ActionCard>
  );
}
