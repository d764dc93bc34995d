import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { noWrap } from '../../shared/tables';
import { Quantity } from '../../shared/Quantity';
import { serialNumber, sumWholeTonnes } from '../../shared/quantities';

type BlockHolding = components['schemas']['BlockHoldingView'];

/** Holdings grouped by project (in the API's order: registration number, vintage, block), with each project's exact total. */
function byProject(holdings: readonly BlockHolding[]) {
  const groups = new Map<string, BlockHolding[]>();
  for (const h of holdings) groups.set(h.projectId, [...(groups.get(h.projectId) ?? []), h]);
  return [...groups.values()].map((blocks) => ({ ...blocks[0], blocks, total: sumWholeTonnes(blocks.map((b) => b.quantity)) }));
}

/** LED-1: what the account holds — by project, vintage and serial block, each block's serial ranges (bounds inclusive). */
export function HoldingsSection({ holdings, loading }: { holdings: readonly BlockHolding[]; loading: boolean }) {
  const { t } = useTranslation('developer');
  if (!loading && holdings.length === 0) return <Typography.Paragraph>{t('account.noHoldings')}</Typography.Paragraph>;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {byProject(holdings).map((p) => (
        <section key={p.projectId} aria-labelledby={`project-${p.projectId}`}>
          <Typography.Title level={3} id={`project-${p.projectId}`}>
            {p.registrationNo} {p.projectName}
          </Typography.Title>
          <Typography.Paragraph>
            {t('account.projectTotal')} <Quantity value={p.total} />
          </Typography.Paragraph>
          <Table<BlockHolding>
            rowKey="blockPrefix"
            size="small"
            pagination={false}
            dataSource={p.blocks}
            columns={[
              { title: t('account.vintage'), dataIndex: 'vintage' },
              { ...noWrap, title: t('account.block'), dataIndex: 'blockPrefix' },
              { title: t('account.quantity'), dataIndex: 'quantity', align: 'right', render: (q: string) => <Quantity value={q} /> },
              {
                title: t('account.serialRanges'),
                key: 'ranges',
                render: (_, b) => (
                  <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                    {b.ranges.map((r) => (
                      <li key={r.serialFrom}>
                        <SerialRange from={r.serialFrom} to={r.serialTo} /> <Typography.Text type="secondary">· <Quantity value={r.quantity} /></Typography.Text>
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </section>
      ))}
    </Space>
  );
}

/** A range of serials of one block as its serials are written (9 digits), bounds inclusive. */
export function SerialRange({ from, to }: { from: string; to: string }) {
  return (
    <span className="quantity">
      {serialNumber(from)} – {serialNumber(to)}
    </span>
  );
}
