import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { beijingDateTime } from '../../shared/time';
import { StatusTag } from '../cases/StatusTag';
import { emptyText } from '../../shared/tables';

export type WorklistItem = components['schemas']['WorklistItemView'];

/** The deadline of a row: Beijing date-time, what it is, working days left (and provisional, CAL-4). */
function Deadline({ row }: { row: WorklistItem }) {
  const { t } = useTranslation('cases');
  if (!row.deadlineAt || !row.deadlineKind) return <Typography.Text type="secondary">{t('deadline.noneShort')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{beijingDateTime(row.deadlineAt)}</Typography.Text>
      <Typography.Text>{t(`deadlineKind.${row.deadlineKind}`)}</Typography.Text>
      {row.workingDaysLeft !== null && <Typography.Text type="secondary">{t('deadline.workingDaysLeft', { count: row.workingDaysLeft })}</Typography.Text>}
      {row.deadlineProvisional && <Tag color="warning">{t('deadline.provisional')}</Tag>}
    </Space>
  );
}

/** What needs noticing about a row, in words (never colour alone). */
function Flags({ row }: { row: WorklistItem }) {
  const { t } = useTranslation('cases');
  return (
    <Space wrap size={4}>
      {row.overdue && <Tag color="error">{t('flags.overdue')}</Tag>}
      {row.escalated && <Tag color="warning">{t('flags.escalated')}</Tag>}
      {row.needsAttention && <Tag color="error">{t('flags.needsAttention')}</Tag>}
    </Space>
  );
}

/**
 * Cases as the desks see them (the worklist and the bureau's sign-off queue): case number linking to the case
 * page, type, status, project, organisation, officer, deadline and flags; rows in the API's order (overdue first,
 * then soonest deadline). `actions` adds a column of row actions.
 */
export function CaseTable({ rows, loading, caption, actions }: { rows: WorklistItem[]; loading: boolean; caption: string; actions?: (row: WorklistItem) => React.ReactNode }) {
  const { t } = useTranslation('cases');
  const columns: ColumnsType<WorklistItem> = [
    { key: 'caseNo', title: t('table.caseNo'), render: (_, r) => <Link to={`/cases/${r.caseNo}`}>{r.caseNo}</Link> },
    { key: 'type', title: t('table.type'), render: (_, r) => t(`caseType.${r.caseType}`) },
    { key: 'status', title: t('table.status'), render: (_, r) => <StatusTag status={r.status} /> },
    {
      key: 'project',
      title: t('table.project'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.projectName}</span>
          {r.registrationNo && <Typography.Text type="secondary">{r.registrationNo}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'organisation', title: t('table.organisation'), dataIndex: 'organisationName' },
    { key: 'officer', title: t('table.officer'), render: (_, r) => r.assignedOfficerName ?? <Typography.Text type="secondary">{t('header.unassigned')}</Typography.Text> },
    { key: 'deadline', title: t('table.deadline'), render: (_, r) => <Deadline row={r} /> },
    { key: 'flags', title: t('table.flags'), render: (_, r) => <Flags row={r} /> },
    ...(actions ? [{ key: 'actions', title: t('table.actions'), render: (_: unknown, r: WorklistItem) => actions(r) }] : []),
  ];
  return (
    <Table
      rowKey="caseNo"
      size="middle"
      loading={loading}
      dataSource={rows}
      columns={columns}
      caption={caption}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: emptyText(t('table.empty')) }}
    />
  );
}
