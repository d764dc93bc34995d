import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap, type ApiError } from '../../api/client';
import { emptyText } from '../../shared/tables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { beijingDateTime } from '../../shared/time';
import { CommentForm } from './CommentForm';

/**
 * One publicity notice (BJ-15): its summary, the comments made on it (author names only: contacts are never
 * published, BJ-31) and, while it is open, the form to comment. A comment stands unless the registry dismisses it.
 */
export default function PublicityNoticePage() {
  const { t } = useTranslation('public');
  const id = useParams().id!;
  const queries = useQueryClient();
  const noticeKey = ['public', 'publicity', id];
  const notice = useQuery({ queryKey: noticeKey, queryFn: async () => unwrap(await api.GET('/public/publicity/{id}', { params: { path: { id } } })) });
  const n = notice.data;
  // A comment refused because the notice closed meanwhile: the refusal stays in place of the form.
  const [closedRefusal, setClosedRefusal] = useState<ApiError | null>(null);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Breadcrumb items={[{ title: <Link to="/public/publicity">{t('publicity.title')}</Link> }, { title: n?.caseNo ?? '…' }]} />
      <ErrorAlert error={notice.error} />
      {n && (
        <>
          <Typography.Title level={1}>{n.title}</Typography.Title>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('publicity.caseNo')}>{n.caseNo}</Descriptions.Item>
            <Descriptions.Item label={t('publicity.round')}>{t('publicity.roundN', { round: n.round })}</Descriptions.Item>
            <Descriptions.Item label={t('publicity.status')}>
              <Tag color={n.status === 'open' ? 'success' : undefined} variant={n.status === 'open' ? 'solid' : 'filled'}>{t(`publicity.state.${n.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('publicity.openedAt')}>{beijingDateTime(n.openedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('publicity.closesAt')}>
              <time dateTime={n.closesAt}>{beijingDateTime(n.closesAt)}</time>
            </Descriptions.Item>
            <Descriptions.Item label={t('publicity.calendar')}>{n.calendarVersion}</Descriptions.Item>
          </Descriptions>
          <section aria-labelledby="summary">
            <Typography.Title level={2} id="summary">
              {t('notice.summary')}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.summary}</Typography.Paragraph>
          </section>
          <section aria-labelledby="comments">
            <Typography.Title level={2} id="comments">
              {t('notice.comments', { count: n.comments.length })}
            </Typography.Title>
            <List
              dataSource={n.comments}
              locale={{ emptyText: emptyText(t('notice.noComments')) }}
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Typography.Text strong>{c.authorName}</Typography.Text>
                        <Typography.Text type="secondary">
                          <time dateTime={c.submittedAt}>{beijingDateTime(c.submittedAt)}</time>
                        </Typography.Text>
                        {c.dismissed && <Tag>{t('notice.dismissed', { reason: t(`notice.dismissReason.${c.dismissedReason ?? 'other'}`) })}</Tag>}
                      </Space>
                    }
                    description={<span style={{ whiteSpace: 'pre-wrap', color: 'rgba(0, 0, 0, 0.88)' }}>{c.body}</span>}
                  />
                </List.Item>
              )}
            />
          </section>
          <section aria-labelledby="comment-form">
            <Typography.Title level={2} id="comment-form">
              {t('notice.commentTitle')}
            </Typography.Title>
            {closedRefusal ? (
              <ErrorAlert error={closedRefusal} />
            ) : n.status === 'open' ? (
              <CommentForm
                noticeId={id}
                refresh={[noticeKey]}
                onClosed={(refusal) => {
                  setClosedRefusal(refusal);
                  void queries.invalidateQueries({ queryKey: noticeKey });
                }}
              />
            ) : (
              <Alert type="info" showIcon message={t('notice.closed', { closedAt: beijingDateTime(n.closedAt ?? n.closesAt) })} />
            )}
          </section>
        </>
      )}
    </Space>
  );
}
