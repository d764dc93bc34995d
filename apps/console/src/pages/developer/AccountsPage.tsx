import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { noWrap } from '../../shared/tables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { Quantity } from '../../shared/Quantity';
import { useAction } from '../../shared/useAction';

type Account = components['schemas']['AccountWithBalanceView'];

/**
 * My organisation's registry accounts with their balances (LED-1: a balance is the sum of the serial ranges held).
 * A developer's account opens with its first issuance; an emitter opens one here before it can receive credits.
 */
export default function AccountsPage() {
  const { t } = useTranslation('developer');
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: async () => unwrap(await api.GET('/accounts')) });
  const open = useAction(async (_: void, key: string) => unwrap(await api.POST('/accounts', { headers: { 'Idempotency-Key': key } })), [['accounts']]);
  const none = accounts.isSuccess && accounts.data.length === 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('accounts.title')}</Typography.Title>
      <ErrorAlert error={accounts.error ?? open.error} />
      {none ? (
        <Empty description={t('accounts.none')}>
          <Button type="primary" loading={open.isPending} onClick={() => open.mutate()}>
            {t('accounts.open')}
          </Button>
        </Empty>
      ) : (
        <Table<Account>
          rowKey="accountNo"
          loading={accounts.isLoading}
          dataSource={accounts.data ?? []}
          pagination={false}
          columns={[
            { ...noWrap, title: t('accounts.accountNo'), dataIndex: 'accountNo', render: (no: string) => <Link to={`/accounts/${no}`}>{no}</Link> },
            { title: t('accounts.kind'), dataIndex: 'kind', render: (kind: string) => t(`accountKind.${kind}`) },
            { title: t('accounts.holder'), dataIndex: 'organisationName', render: (name: string | null) => name ?? t('accounts.registry') },
            { title: t('accounts.balance'), dataIndex: 'balance', align: 'right', render: (balance: string) => <Quantity value={balance} /> },
          ]}
        />
      )}
    </Space>
  );
}
