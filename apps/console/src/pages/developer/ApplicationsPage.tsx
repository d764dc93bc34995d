import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { emptyText, noWrap } from '../../shared/tables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { beijingDateTime } from '../../shared/time';
import { useMaterialsChecklists, type CaseType } from './caseChecklists';
import { CaseStatusTag } from './CaseStatusTag';

type Registration = components['schemas']['RegistrationCaseSummary'];
type Issuance = components['schemas']['IssuanceCaseSummary'];
type Row = (Registration | Issuance) & { caseType: CaseType };

/** My move: a draft, or a case whose running deadline binds on the developer (supplement or revision due). */
const waitsForMe = (r: Row) => r.status === 'draft' || r.deadlineBindsOn === 'developer';

/**
 * My organisation's registration and issuance applications in one table (ROLE-1: the API answers only its own):
 * status, the deadline that binds on me, and — for the cases waiting for my materials — what BJ-13/BJ-21 still
 * needs. Everything done on a case (upload, submit, supplement, revision) is on its case page.
 */
export default function ApplicationsPage() {
  const { t } = useTranslation('developer');
  const navigate = useNavigate();
  const registrations = useQuery({ queryKey: ['registrations'], queryFn: async () => unwrap(await api.GET('/registrations')) });
  const issuances = useQuery({ queryKey: ['issuances'], queryFn: async () => unwrap(await api.GET('/issuances')) });
  const rows: Row[] = [
    ...(registrations.data ?? []).map((r) => ({ ...r, caseType: 'registration' as const })),
    ...(issuances.data ?? []).map((r) => ({ ...r, caseType: 'issuance' as const })),
  ].sort((a, b) => Number(waitsForMe(b)) - Number(waitsForMe(a)) || b.updatedAt.localeCompare(a.updatedAt));
  const checklists = useMaterialsChecklists(rows.filter(waitsForMe));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('applications.title')}</Typography.Title>
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/applications/new/registration')}>
          {t('applications.newRegistration')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => navigate('/applications/new/issuance')}>
          {t('applications.newIssuance')}
        </Button>
      </Space>
      <ErrorAlert error={registrations.error ?? issuances.error} />
      <Table<Row>
        rowKey="caseNo"
        loading={registrations.isLoading || issuances.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('applications.empty')) }}
        columns={[
          { ...noWrap, title: t('applications.caseNo'), dataIndex: 'caseNo', render: (caseNo: string) => <Link to={`/cases/${caseNo}`}>{caseNo}</Link> },
          { title: t('applications.caseType'), dataIndex: 'caseType', render: (type: CaseType) => t(`caseType.${type}`) },
          {
            title: t('applications.project'),
            key: 'project',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{r.projectName}</span>
                {'periodStart' in r && (
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                    {t('applications.period', { start: r.periodStart, end: r.periodEnd })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('applications.status'), dataIndex: 'status', render: (status: string, r) => <CaseStatusTag status={status} mine={waitsForMe(r)} /> },
          {
            title: t('applications.myDeadline'),
            key: 'deadline',
            render: (_, r) =>
              r.deadlineBindsOn === 'developer' && r.deadlineAt ? (
                <Space direction="vertical" size={0}>
                  <span>{t(`deadlineKind.${r.deadlineKind}`)}</span>
                  <time dateTime={r.deadlineAt}>{t('beijingTime', { time: beijingDateTime(r.deadlineAt) })}</time>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('applications.noDeadline')}</Typography.Text>
              ),
          },
          {
            title: t('applications.materials'),
            key: 'materials',
            render: (_, r) => {
              const checklist = checklists.get(r.caseNo);
              if (!checklist) return <Typography.Text type="secondary">{t('applications.materialsSubmitted')}</Typography.Text>;
              if (checklist.isLoading) return <Spin size="small" aria-label={t('loading')} />;
              if (!checklist.data) return <ErrorAlert error={checklist.error} />;
              const { requirement, missing } = checklist.data;
              return missing.length ? (
                <Space direction="vertical" size={4}>
                  <span>{t('applications.missing', { requirement })}</span>
                  <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                    {missing.map((kind) => (
                      <li key={kind}>
                        <Tag>{t(`documentKind.${kind}`)}</Tag>
                      </li>
                    ))}
                  </ul>
                </Space>
              ) : (
                <span>{t('applications.complete', { requirement })}</span>
              );
            },
          },
          { ...noWrap, title: t('applications.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => beijingDateTime(at) },
        ]}
      />
    </Space>
  );
}
