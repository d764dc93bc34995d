import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type ApiError } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useAction } from '../../shared/useAction';

type Comment = components['schemas']['CommentDto'];

/**
 * A public comment on an open notice (BJ-15). The contact is optional personal data: the registry keeps it to follow
 * up and never publishes it (BJ-31). After the close the API refuses with 409 PUBLICITY_CLOSED, shown as it said it;
 * `onClosed` hands that refusal to the page, which shows it in place of the form.
 */
export function CommentForm({ noticeId, refresh, onClosed }: { noticeId: string; refresh: unknown[][]; onClosed: (refusal: ApiError) => void }) {
  const { t } = useTranslation('public');
  const [form] = Form.useForm<Comment>();
  const [sent, setSent] = useState(false);
  // The endpoint takes no Idempotency-Key: the button is busy while a comment is on its way, so one click sends one.
  const comment = useAction(async (body: Comment) => unwrap(await api.POST('/public/publicity/{id}/comments', { params: { path: { id: noticeId } }, body })), refresh);

  const submit = (v: Comment) => {
    setSent(false);
    comment.mutate(
      { authorName: v.authorName.trim(), body: v.body.trim(), ...(v.contact?.trim() ? { contact: v.contact.trim() } : {}) },
      {
        onSuccess: () => {
          setSent(true);
          form.resetFields();
        },
        onError: (e) => {
          if (e.code === 'PUBLICITY_CLOSED') onClosed(e);
        },
      },
    );
  };

  const required = { required: true, whitespace: true, message: t('comment.required') };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={comment.error} />
      {sent && <Alert type="success" showIcon role="status" message={t('comment.received')} />}
      <Form<Comment> form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
        <Form.Item label={t('comment.authorName')} name="authorName" rules={[required, { max: 200 }]} extra={t('comment.authorNameHint')}>
          <Input maxLength={200} autoComplete="name" style={{ maxWidth: 360 }} />
        </Form.Item>
        <Form.Item label={t('comment.contact')} name="contact" rules={[{ max: 200 }]} extra={t('comment.contactHint')}>
          <Input maxLength={200} autoComplete="email" style={{ maxWidth: 360 }} />
        </Form.Item>
        <Form.Item label={t('comment.body')} name="body" rules={[required, { max: 5000 }]}>
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={comment.isPending}>
          {t('comment.submit')}
        </Button>
      </Form>
    </Space>
  );
}
