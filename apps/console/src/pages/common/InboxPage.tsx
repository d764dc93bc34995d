import { useQuery } from '@tanstack/react-query';
import { Button, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { beijingDateTime } from '../../shared/time';
import { useAction } from '../../shared/useAction';

/** My notifications, newest first, each linking to its case; marking one read (POST /me/notifications/:id/read). */
export default function InboxPage() {
  const { t } = useTranslation();
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: async () => unwrap(await api.GET('/me/notifications')) });
  const markRead = useAction(async (id: string) => unwrap(await api.POST('/me/notifications/{id}/read', { params: { path: { id } } })), [['inbox']]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('inbox.title')}</Typography.Title>
      <ErrorAlert error={inbox.error ?? markRead.error} />
      <List
        loading={inbox.isLoading}
        dataSource={inbox.data ?? []}
        locale={{ emptyText: t('inbox.empty') }}
        renderItem={(n) => (
          <List.Item
            actions={n.readAt ? [<Tag key="read">{t('inbox.read')}</Tag>] : [<Button key="mark" size="small" onClick={() => markRead.mutate(n.id)}>{t('inbox.markRead')}</Button>]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {!n.readAt && <Tag color="blue">{t('inbox.unread')}</Tag>}
                  {n.caseNo ? <Link to={`/cases/${n.caseNo}`}>{n.caseNo}</Link> : null}
                  <Typography.Text type="secondary">{beijingDateTime(n.createdAt)}</Typography.Text>
                </Space>
              }
              description={n.message}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
