import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import type { CaseView } from '../caseApi';
import { sendCaseAction, useCaseAction, type RevisionBody } from '../caseActions';
import { ActionCard } from './ActionCard';
import { DocumentPicker } from './DocumentPicker';
import { documentsSince } from './documentsSince';

/**
 * After comments stood at a publicity close (BJ-15, BJ-23): the revised documents (uploaded above) and a response
 * to EACH standing comment — every one is required; the case then starts its next round.
 */
export function RevisionForm({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const closed = [...c.publicity].reverse().find((r) => r.status === 'closed');
  const standing = (closed?.comments ?? []).filter((comment) => !comment.dismissedAt);
  const fresh = documentsSince(c, 'publicity_closed');
  const revision = useCaseAction(c, (body: RevisionBody, key) => sendCaseAction.submitRevision(c, body, key));
  return (
    <ActionCard title={t('action.submitRevision')}>
      <Form
        layout="vertical"
        initialValues={{ documentIds: fresh.map((d) => d.id) }}
        onFinish={(v: { documentIds?: string[]; responses: Record<string, string> }) =>
          revision.mutate({ documentIds: v.documentIds ?? [], responses: standing.map((s) => ({ commentId: s.id, response: v.responses[s.id].trim() })) })
        }
      >
        <Form.Item name="documentIds" label={t('revision.documents')} extra={t('revision.uploadFirst')}>
          <DocumentPicker documents={c.documents} />
        </Form.Item>
        <Typography.Paragraph>{t('revision.respondEach', { count: standing.length })}</Typography.Paragraph>
        {standing.map((s, i) => (
          <Form.Item
            key={s.id}
            name={['responses', s.id]}
            label={t('revision.responseTo', { n: i + 1, author: s.authorName })}
            extra={<Typography.Text type="secondary">“{s.body}”</Typography.Text>}
            rules={[{ required: true, whitespace: true, message: t('revision.responseRequired') }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        ))}
        <ErrorAlert error={revision.error} />
        <Button htmlType="submit" type="primary" loading={revision.isPending}>
          {t('revision.submit')}
        </Button>
      </Form>
    </ActionCard>
  );
}
