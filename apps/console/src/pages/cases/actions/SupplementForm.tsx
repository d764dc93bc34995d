import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import type { CaseView } from '../caseApi';
import { sendCaseAction, useCaseAction, type SupplementBody } from '../caseActions';
import { ActionCard } from './ActionCard';
import { DocumentPicker } from './DocumentPicker';
import { documentsSince } from './documentsSince';

/**
 * The developer answers a supplement request (within 10 working days, else the case lapses): the documents
 * uploaded for it (above, under materials) and a note; the case goes back to review.
 */
export function SupplementForm({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const fresh = documentsSince(c, 'review_request_supplement');
  const supplement = useCaseAction(c, (body: SupplementBody, key) => sendCaseAction.submitSupplement(c, body, key));
  const request = [...c.timeline].reverse().find((e) => e.type === 'review_request_supplement');
  return (
    <ActionCard title={t('action.submitSupplement')}>
      {typeof request?.data.reasons === 'string' && <Typography.Paragraph>{t('supplement.requested', { reasons: request.data.reasons })}</Typography.Paragraph>}
      <Form
        layout="vertical"
        initialValues={{ documentIds: fresh.map((d) => d.id) }}
        onFinish={(v: { note: string; documentIds?: string[] }) => supplement.mutate({ note: v.note.trim(), documentIds: v.documentIds ?? [] })}
      >
        <Form.Item name="documentIds" label={t('supplement.documents')} extra={t('supplement.uploadFirst')}>
          <DocumentPicker documents={c.documents} />
        </Form.Item>
        <Form.Item name="note" label={t('supplement.note')} rules={[{ required: true, whitespace: true, message: t('supplement.noteRequired') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <ErrorAlert error={supplement.error} />
        <Button htmlType="submit" type="primary" loading={supplement.isPending}>
          {t('supplement.submit')}
        </Button>
      </Form>
    </ActionCard>
  );
}
