import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { beijingDateTime } from '../../shared/time';
import { useAction } from '../../shared/useAction';

type Subscription = components['schemas']['WebhookSubscriptionView'];
type Delivery = components['schemas']['WebhookDeliveryView'];
type NewSubscription = components['schemas']['CreateWebhookSubscriptionDto'];

/**
 * Issue 10: my organisation's webhook subscriptions (Standard Webhooks): register an endpoint for the case events we may
 * see (the signing secret is shown once), see each delivery with its attempts, replay one, enable or delete a subscription.
 */
export default function WebhooksPage() {
  const { t } = useTranslation('settings');
  const subs = useQuery({ queryKey: ['webhooks'], queryFn: async () => unwrap(await api.GET('/webhooks/subscriptions')) });
  const types = useQuery({ queryKey: ['webhook-event-types'], queryFn: async () => unwrap(await api.GET('/webhooks/event-types')) });
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<NewSubscription>();
  const create = useAction(async (body: NewSubscription) => unwrap(await api.POST('/webhooks/subscriptions', { body })), [['webhooks']]);
  const update = useAction(
    async ({ id, active }: { id: string; active: boolean }) => unwrap(await api.PATCH('/webhooks/subscriptions/{id}', { params: { path: { id } }, body: { active } })),
    [['webhooks']],
  );
  const remove = useAction(async (id: string) => unwrap(await api.DELETE('/webhooks/subscriptions/{id}', { params: { path: { id } } })), [['webhooks']]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={1}>{t('webhooks.title')}</Typography.Title>
      <Typography.Paragraph>{t('webhooks.intro')}</Typography.Paragraph>
      <ErrorAlert error={subs.error ?? update.error ?? remove.error} />
      <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>{t('webhooks.new')}</Typography.Title>}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate(v, {
              onSuccess: (r) => {
                setSecret(r.secret);
                form.resetFields();
              },
            })
          }
        >
          <Form.Item name="url" label={t('webhooks.url')} rules={[{ required: true, message: t('webhooks.urlRequired') }]} extra={t('webhooks.urlHelp')}>
            <Input placeholder="https://platform.example/registry-webhooks" />
          </Form.Item>
          {/* A validator, not `required`: antd would put aria-required on the group's div, which axe refuses there. */}
          <Form.Item
            name="eventTypes"
            label={t('webhooks.events')}
            rules={[{ validator: (_, v?: string[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('webhooks.eventsRequired')))) }]}
          >
            <Checkbox.Group role="group" aria-label={t('webhooks.events')}>
              <Space direction="vertical">
                {(types.data ?? []).map((e) => (
                  <Checkbox key={e.type} value={e.type} disabled={!e.allowed}>
                    {t(`webhooks.event.${e.type.replace('case.', '')}`)} <Typography.Text code>{e.type}</Typography.Text>
                    {e.public && <Tag style={{ marginInlineStart: 8 }}>{t('webhooks.public')}</Tag>}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="description" label={t('webhooks.description')}>
            <Input maxLength={500} />
          </Form.Item>
          <ErrorAlert error={create.error} />
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('webhooks.register')}
          </Button>
        </Form>
        {secret && (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            closable
            onClose={() => setSecret(null)}
            message={t('webhooks.secretTitle')}
            description={
              <Space direction="vertical">
                <Typography.Text>{t('webhooks.secretOnce')}</Typography.Text>
                <Typography.Text code copyable aria-label={t('webhooks.secretTitle')}>
                  {secret}
                </Typography.Text>
              </Space>
            }
          />
        )}
      </Card>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('webhooks.mine')}
      </Typography.Title>
      <Table<Subscription>
        rowKey="id"
        loading={subs.isLoading}
        dataSource={subs.data ?? []}
        locale={{ emptyText: t('webhooks.none') }}
        pagination={false}
        expandable={{ expandedRowRender: (s) => <Deliveries subscription={s} />, expandRowByClick: false }}
        columns={[
          { title: t('webhooks.url'), dataIndex: 'url', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
          { title: t('webhooks.events'), render: (_, s) => <Space wrap>{s.eventTypes.map((e) => <Tag key={e}>{e}</Tag>)}</Space> },
          {
            title: t('webhooks.status'),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <Tag color={s.status === 'active' ? 'success' : 'error'}>{t(`webhooks.state.${s.status}`)}</Tag>
                {s.disabledReason && <Typography.Text type="secondary">{s.disabledReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('webhooks.actions'),
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => update.mutate({ id: s.id, active: s.status !== 'active' })}>
                  {s.status === 'active' ? t('webhooks.disable') : t('webhooks.enable')}
                </Button>
                <Popconfirm title={t('webhooks.deleteConfirm')} okText={t('webhooks.delete')} cancelText={t('webhooks.cancel')} onConfirm={() => remove.mutate(s.id)}>
                  <Button size="small" danger>
                    {t('webhooks.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** A subscription's deliveries, newest first: case, event, state, attempts, the last error; replay one. */
function Deliveries({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation('settings');
  const id = subscription.id;
  const list = useQuery({ queryKey: ['webhook-deliveries', id], queryFn: async () => unwrap(await api.GET('/webhooks/subscriptions/{id}/deliveries', { params: { path: { id } } })) });
  const replay = useAction(
    async (deliveryId: string) => unwrap(await api.POST('/webhooks/subscriptions/{id}/deliveries/{deliveryId}/replay', { params: { path: { id, deliveryId } } })),
    [['webhook-deliveries', id]],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={list.error ?? replay.error} />
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('webhooks.noDeliveries') }}
        caption={t('webhooks.deliveries')}
        columns={[
          { title: t('webhooks.case'), dataIndex: 'caseNo' },
          { title: t('webhooks.eventColumn'), dataIndex: 'eventType' },
          { title: t('webhooks.status'), render: (_, d) => <Tag color={d.status === 'sent' ? 'success' : d.status === 'pending' ? 'processing' : 'error'}>{t(`webhooks.delivery.${d.status}`)}</Tag> },
          { title: t('webhooks.attempts'), dataIndex: 'attempts' },
          { title: t('webhooks.lastAttempt'), render: (_, d) => (d.lastAttemptAt ? beijingDateTime(d.lastAttemptAt) : '—') },
          { title: t('webhooks.lastError'), render: (_, d) => d.lastError ?? '—' },
          {
            title: t('webhooks.actions'),
            render: (_, d) =>
              d.status === 'pending' ? null : (
                <Button size="small" disabled={subscription.status !== 'active'} onClick={() => replay.mutate(d.id)}>
                  {t('webhooks.replay')}
                </Button>
              ),
          },
        ]}
      />
    </Space>
  );
}
