import { useQuery } from '@tanstack/react-query';
import { Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { emptyText, noWrap } from '../../shared/tables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { Quantity } from '../../shared/Quantity';
import { beijingDateTime } from '../../shared/time';
import { useMaterialsChecklists } from './caseChecklists';
import { CaseStatusTag } from './CaseStatusTag';

type Issuance = components['schemas']['IssuanceCaseSummary'];

/**
 * The issuance cases naming my organisation as verifier (BJ-21; ROLE-1: GET /issuances answers only those), and
 * whether my verification report is still missing. The report is uploaded on the case page. A case leaves draft
 * only with every BJ-21 material, the report included, so only drafts are asked for their checklist.
 */
export default function VerificationPage() {
  const { t } = useTranslation('developer');
  const cases = useQuery({ queryKey: ['issuances'], queryFn: async () => unwrap(await api.GET('/issuances')) });
  const rows = [...(cases.data ?? [])].sort((a, b) => Number(b.status === 'draft') - Number(a.status === 'draft') || b.updatedAt.localeCompare(a.updatedAt));
  const checklists = useMaterialsChecklists(rows.filter((r) => r.status === 'draft').map((r) => ({ caseNo: r.caseNo, caseType: 'issuance' as const })));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('verification.title')}</Typography.Title>
      <Typography.Paragraph>{t('verification.intro')}</Typography.Paragraph>
      <ErrorAlert error={cases.error} />
      <Table<Issuance>
        rowKey="caseNo"
        loading={cases.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('verification.empty')) }}
        columns={[
          { ...noWrap, title: t('applications.caseNo'), dataIndex: 'caseNo', render: (caseNo: string) => <Link to={`/cases/${caseNo}`}>{caseNo}</Link> },
          { title: t('applications.project'), dataIndex: 'projectName' },
          { title: t('verification.developer'), dataIndex: 'organisationName' },
          { ...noWrap, title: t('verification.period'), key: 'period', render: (_, r) => t('applications.period', { start: r.periodStart, end: r.periodEnd }) },
          { title: t('verification.claimed'), dataIndex: 'claimedTco2e', align: 'right', render: (q: string) => <Quantity value={q} /> },
          { title: t('applications.status'), dataIndex: 'status', render: (status: string) => <CaseStatusTag status={status} /> },
          {
            title: t('verification.report'),
            key: 'report',
            render: (_, r) => {
              const checklist = checklists.get(r.caseNo);
              if (!checklist) return <span>{t('verification.reportSubmitted')}</span>;
              if (checklist.isLoading) return <Spin size="small" aria-label={t('loading')} />;
              if (!checklist.data) return <ErrorAlert error={checklist.error} />;
              return checklist.data.missing.includes('verification_report') ? <Tag color="warning" variant="solid">{t('verification.reportMissing')}</Tag> : <span>{t('verification.reportUploaded')}</span>;
            },
          },
          { ...noWrap, title: t('applications.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => beijingDateTime(at) },
        ]}
      />
    </Space>
  );
}
