import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { Quantity } from '../../shared/Quantity';
import { sumWholeTonnes } from '../../shared/quantities';
import { HoldingsSection } from './HoldingsSection';
import { MovementsTable } from './MovementsTable';
import { TransferForm } from './TransferForm';

/** One account (ROLE-1: my organisation's): its holdings with serial ranges, a transfer, its movements. */
export default function AccountPage() {
  const { t } = useTranslation('developer');
  const accountNo = useParams().accountNo!;
  const holdingsKey = ['accounts', accountNo, 'holdings'];
  const movementsKey = ['accounts', accountNo, 'movements'];
  const holdings = useQuery({ queryKey: holdingsKey, queryFn: async () => unwrap(await api.GET('/accounts/{accountNo}/holdings', { params: { path: { accountNo } } })) });
  const movements = useQuery({ queryKey: movementsKey, queryFn: async () => unwrap(await api.GET('/accounts/{accountNo}/movements', { params: { path: { accountNo } } })) });
  const account = holdings.data?.account;
  const blocks = holdings.data?.holdings ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/accounts">{t('accounts.title')}</Link> }, { title: accountNo }]} />
      <Typography.Title level={1}>{t('account.title', { accountNo })}</Typography.Title>
      <ErrorAlert error={holdings.error ?? movements.error} />
      {account && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('accounts.holder')}>{account.organisationName ?? t('accounts.registry')}</Descriptions.Item>
          <Descriptions.Item label={t('accounts.kind')}>{t(`accountKind.${account.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('accounts.balance')}>
            <Quantity value={sumWholeTonnes(blocks.map((b) => b.quantity))} />
          </Descriptions.Item>
        </Descriptions>
      )}
      <section aria-labelledby="holdings">
        <Typography.Title level={2} id="holdings">
          {t('account.holdings')}
        </Typography.Title>
        <HoldingsSection holdings={blocks} loading={holdings.isLoading} />
      </section>
      {account && blocks.length > 0 && (
        <section aria-labelledby="transfer">
          <Typography.Title level={2} id="transfer">
            {t('transfer.title')}
          </Typography.Title>
          <TransferForm accountNo={accountNo} blocks={blocks} refresh={[holdingsKey, movementsKey, ['accounts']]} />
        </section>
      )}
      <section aria-labelledby="movements">
        <Typography.Title level={2} id="movements">
          {t('account.movements')}
        </Typography.Title>
        <MovementsTable movements={movements.data ?? []} loading={movements.isLoading} />
      </section>
    </Space>
  );
}
