import { Button, Form, Input, Select, Space } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import type { CaseView } from '../caseApi';
import { sendCaseAction, useCaseAction, type DismissBody } from '../caseActions';

type Reason = DismissBody['reason'];
/** The API's dismissal reasons (DismissCommentDto.reason), each named in the reader's language. */
const REASONS: Record<Reason, true> = { spam: true, off_topic: true, duplicate: true };

/** Dismiss one public comment with a recorded reason (BJ-15 Decision): it then does not stand at the close. */
export function DismissCommentForm({ c, comment }: { c: CaseView; comment: components['schemas']['CaseCommentView'] }) {
  const { t } = useTranslation('cases');
  const reasonId = useId();
  const noteId = useId();
  const dismiss = useCaseAction(c, (body: DismissBody, key) => sendCaseAction.dismissComment(c, comment.id, body, key));
  return (
    <Form layout="inline" onFinish={(v: { reason: Reason; note?: string }) => dismiss.mutate({ reason: v.reason, note: v.note?.trim() || undefined })} aria-label={t('dismiss.formFor', { author: comment.authorName })}>
      <Space wrap align="start">
        <Form.Item name="reason" label={t('dismiss.reason')} htmlFor={reasonId} rules={[{ required: true, message: t('dismiss.reasonRequired') }]}>
          <Select id={reasonId} virtual={false} style={{ width: 180 }} options={(Object.keys(REASONS) as Reason[]).map((r) => ({ value: r, label: t(`dismissalReason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('dismiss.note')} htmlFor={noteId}>
          <Input id={noteId} style={{ width: 260 }} />
        </Form.Item>
        <Button htmlType="submit" loading={dismiss.isPending}>
          {t('dismiss.submit')}
        </Button>
      </Space>
      <ErrorAlert error={dismiss.error} />
    </Form>
  );
}
