import { useQuery } from '@tanstack/react-query';
import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { emptyText, noWrap } from '../../shared/tables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { beijingDateTime } from '../../shared/time';
import { CsvDownloadLink } from './CsvDownloadLink';

type Notice = components['schemas']['PublicNoticeView'];

/** BJ-15/BJ-30: the publicity notices open to comment now, soonest closing first, each with its closing time (Beijing). */
export default function PublicityListPage() {
  const { t } = useTranslation('public');
  const notices = useQuery({ queryKey: ['public', 'publicity'], queryFn: async () => unwrap(await api.GET('/public/publicity')) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('publicity.title')}</Typography.Title>
      <Typography.Paragraph>{t('publicity.intro')}</Typography.Paragraph>
      <CsvDownloadLink list="publicity" />
      <ErrorAlert error={notices.error} />
      <Table<Notice>
        rowKey="id"
        loading={notices.isLoading}
        dataSource={notices.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('publicity.empty')) }}
        columns={[
          { title: t('publicity.notice'), dataIndex: 'title', render: (title: string, n) => <Link to={`/public/publicity/${n.id}`}>{title}</Link> },
          { ...noWrap, title: t('publicity.caseNo'), dataIndex: 'caseNo' },
          { title: t('publicity.round'), dataIndex: 'round', render: (round: number) => t('publicity.roundN', { round }) },
          { ...noWrap, title: t('publicity.openedAt'), dataIndex: 'openedAt', render: (at: string) => <time dateTime={at}>{beijingDateTime(at)}</time> },
          { ...noWrap, title: t('publicity.closesAt'), dataIndex: 'closesAt', render: (at: string) => <time dateTime={at}>{beijingDateTime(at)}</time> },
        ]}
      />
    </Space>
  );
}
