import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { emptyText, noWrap } from '../../shared/tables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { beijingDateTime } from '../../shared/time';
import { CsvDownloadLink } from './CsvDownloadLink';

type Project = components['schemas']['PublicProjectView'];

/** BJ-16/BJ-30: the registered (Class I) projects, by registration number. */
export default function RegisteredProjectsPage() {
  const { t } = useTranslation('public');
  const projects = useQuery({ queryKey: ['public', 'projects'], queryFn: async () => unwrap(await api.GET('/public/projects')) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('projects.title')}</Typography.Title>
      <Typography.Paragraph>{t('projects.intro')}</Typography.Paragraph>
      <CsvDownloadLink list="projects" />
      <ErrorAlert error={projects.error} />
      <Table<Project>
        rowKey="registrationNo"
        loading={projects.isLoading}
        dataSource={projects.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('projects.empty')) }}
        columns={[
          { ...noWrap, title: t('projects.registrationNo'), dataIndex: 'registrationNo' },
          { title: t('projects.name'), dataIndex: 'name' },
          { title: t('projects.location'), dataIndex: 'location' },
          { title: t('projects.developer'), dataIndex: 'developerName' },
          { title: t('projects.methodology'), key: 'methodology', render: (_, p) => `${p.methodologyCode} ${p.methodologyTitle} ${p.methodologyVersion}` },
          { ...noWrap, title: t('projects.registeredAt'), dataIndex: 'registeredAt', render: (at: string) => <time dateTime={at}>{beijingDateTime(at)}</time> },
          { ...noWrap, title: t('projects.creditingPeriod'), key: 'crediting', render: (_, p) => `${p.creditingPeriodStart} – ${p.creditingPeriodEnd}` },
          { title: t('projects.status'), dataIndex: 'supervisionStatus', render: (s: string) => <Tag color={s === 'active' ? 'success' : 'error'} variant="solid">{t(`projectStatus.${s}`)}</Tag> },
        ]}
      />
    </Space>
  );
}
