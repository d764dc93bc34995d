import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { emptyText, noWrap } from '../../shared/tables';
import { Quantity } from '../../shared/Quantity';
import { beijingDateTime } from '../../shared/time';
import { SerialRange } from './HoldingsSection';

type Movement = components['schemas']['MovementView'];

/** The account's journal lines, newest first as the API answers them (LED-1): what moved, where, why, when (Beijing time). */
export function MovementsTable({ movements, loading }: { movements: readonly Movement[]; loading: boolean }) {
  const { t } = useTranslation('developer');
  return (
    <Table<Movement>
      rowKey={(m) => `${m.entryId}/${m.blockPrefix}/${m.serialFrom}/${m.direction}`}
      size="small"
      loading={loading}
      dataSource={[...movements]}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: emptyText(t('account.noMovements')) }}
      columns={[
        { ...noWrap, title: t('account.occurredAt'), dataIndex: 'occurredAt', render: (at: string) => <time dateTime={at}>{beijingDateTime(at)}</time> },
        { title: t('account.direction'), dataIndex: 'direction', render: (d: 'in' | 'out') => <Tag>{t(`direction.${d}`)}</Tag> },
        { title: t('account.quantity'), dataIndex: 'quantity', align: 'right', render: (q: string) => <Quantity value={q} /> },
        { ...noWrap, title: t('account.block'), dataIndex: 'blockPrefix' },
        { ...noWrap, title: t('account.serialRange'), key: 'serials', render: (_, m) => <SerialRange from={m.serialFrom} to={m.serialTo} /> },
        { ...noWrap, title: t('account.counterparty'), dataIndex: 'counterpartyAccountNo', render: (no: string | null) => no ?? '—' },
        { title: t('account.movementKind'), dataIndex: 'kind', render: (kind: string, m) => (m.caseNo ? <>{t(`movementKind.${kind}`)} · <Link to={`/cases/${m.caseNo}`} style={{ whiteSpace: 'nowrap' }}>{m.caseNo}</Link></> : t(`movementKind.${kind}`)) },
        { title: t('account.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}
