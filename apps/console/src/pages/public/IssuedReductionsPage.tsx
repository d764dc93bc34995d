import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { noWrap } from '../../shared/tables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { Quantity } from '../../shared/Quantity';
import { serialNumber } from '../../shared/quantities';
import { beijingDateTime } from '../../shared/time';
import { CsvDownloadLink } from './CsvDownloadLink';

type Block = components['schemas']['PublicBlockView'];

/** BJ-30: the reductions issued to each registered project, block by block with their serial ranges. */
export default function IssuedReductionsPage() {
  const { t } = useTranslation('public');
  const projects = useQuery({ queryKey: ['public', 'issuances'], queryFn: async () => unwrap(await api.GET('/public/issuances')) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('issuances.title')}</Typography.Title>
      <Typography.Paragraph>{t('issuances.intro')}</Typography.Paragraph>
      <CsvDownloadLink list="issuances" />
      <ErrorAlert error={projects.error} />
      {projects.isSuccess && projects.data.length === 0 && <Typography.Paragraph>{t('issuances.empty')}</Typography.Paragraph>}
      {(projects.data ?? []).map((p) => (
        <section key={p.registrationNo} aria-labelledby={`issued-${p.registrationNo}`}>
          <Typography.Title level={2} id={`issued-${p.registrationNo}`} style={{ fontSize: 18 }}>
            {p.registrationNo} {p.projectName}
          </Typography.Title>
          <Space wrap size="large" style={{ marginBottom: 8 }}>
            <span>{t('issuances.developerIs', { name: p.developerName })}</span>
            <span>
              {t('issuances.totalIs')} <Quantity value={p.issuedTco2e} />
            </span>
            {p.projectStatus !== 'active' && <Tag color="error" variant="solid">{t(`projectStatus.${p.projectStatus}`)}</Tag>}
          </Space>
          <Table<Block>
            rowKey="blockPrefix"
            size="small"
            pagination={false}
            dataSource={p.blocks}
            columns={[
              { title: t('issuances.vintage'), dataIndex: 'vintage' },
              { ...noWrap, title: t('issuances.period'), key: 'period', render: (_, b) => `${b.periodStart} – ${b.periodEnd}` },
              { title: t('issuances.quantity'), dataIndex: 'quantity', align: 'right', render: (q: string) => <Quantity value={q} /> },
              { ...noWrap, title: t('issuances.block'), dataIndex: 'blockPrefix' },
              { ...noWrap, title: t('issuances.serials'), key: 'serials', render: (_, b) => <span className="quantity">{serialNumber(b.serialFrom)} – {serialNumber(b.serialTo)}</span> },
              { ...noWrap, title: t('issuances.caseNo'), dataIndex: 'caseNo' },
              { ...noWrap, title: t('issuances.issuedAt'), dataIndex: 'issuedAt', render: (at: string) => <time dateTime={at}>{beijingDateTime(at)}</time> },
            ]}
          />
        </section>
      ))}
    </Space>
  );
}
