import { useQuery } from '@tanstack/react-query';
import { Descriptions, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useAction } from '../../shared/useAction';

type Preference = components['schemas']['NotificationPreferenceView'];
type Delivery = Preference['delivery'];
const CHOICES: Delivery[] = ['inbox', 'email', 'digest'];

/**
 * Issue 10: how each kind of notification reaches me — the inbox only, the inbox and an e-mail at once, or one daily
 * digest e-mail (08:00 Beijing time); the kinds and their defaults come from the API (GET /me/notification-preferences).
 */
export default function NotificationPreferencesPage() {
  const { t, i18n } = useTranslation('settings');
  const prefs = useQuery({ queryKey: ['notification-preferences'], queryFn: async () => unwrap(await api.GET('/me/notification-preferences')) });
  const choose = useAction(
    async ({ kind, delivery }: { kind: string; delivery: Delivery }) =>
      unwrap(await api.PUT('/me/notification-preferences/{kind}', { params: { path: { kind } }, body: { delivery } })),
    [['notification-preferences']],
  );
  const title = (p: Preference) => (i18n.language === 'zh-CN' ? p.titleZh : p.titleEn);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={1}>{t('notifications.title')}</Typography.Title>
      <Typography.Paragraph>{t('notifications.intro')}</Typography.Paragraph>
      <ErrorAlert error={prefs.error ?? choose.error} />
      {prefs.data && (
        <Descriptions bordered column={1} size="small">
          <Descriptions.Item label={t('notifications.email')}>{prefs.data.email}</Descriptions.Item>
          <Descriptions.Item label={t('notifications.sharedMailbox')}>{prefs.data.sharedMailbox ?? t('notifications.noSharedMailbox')}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<Preference>
        rowKey="kind"
        loading={prefs.isLoading}
        dataSource={prefs.data?.kinds ?? []}
        pagination={false}
        columns={[
          { title: t('notifications.kind'), render: (_, p) => <Typography.Text strong>{title(p)}</Typography.Text> },
          {
            title: t('notifications.delivery'),
            render: (_, p) => (
              <Radio.Group
                aria-label={t('notifications.deliveryFor', { kind: title(p) })}
                value={p.delivery}
                disabled={choose.isPending}
                onChange={(e) => choose.mutate({ kind: p.kind, delivery: e.target.value as Delivery })}
                optionType="button"
                options={CHOICES.map((c) => ({ value: c, label: t(`notifications.choice.${c}`) }))}
              />
            ),
          },
          {
            title: t('notifications.default'),
            render: (_, p) => (
              <Space>
                <Typography.Text type="secondary">{t(`notifications.choice.${p.defaultDelivery}`)}</Typography.Text>
                {!p.chosen && <Tag>{t('notifications.usingDefault')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
