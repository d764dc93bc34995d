import { Alert, Button, Descriptions, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { Quantity } from '../../shared/Quantity';
import { isWholeTonnes } from '../../shared/quantities';
import { useAction } from '../../shared/useAction';
import { SerialRange } from './HoldingsSection';

type BlockHolding = components['schemas']['BlockHoldingView'];
type Transfer = components['schemas']['TransferView'];
interface Values {
  toAccountNo: string;
  quantity: string;
  blockPrefix?: string;
  reason?: string;
}

/**
 * LED-2: whole tonnes to another holder's account — the lowest serials of the oldest matching block first, a range
 * split when it moves in part. The person confirms what will move before it is sent; the request carries an
 * Idempotency-Key, so sending it again after a timeout moves nothing more. `refresh` lists the queries it changes.
 */
export function TransferForm({ accountNo, blocks, refresh }: { accountNo: string; blocks: readonly BlockHolding[]; refresh: unknown[][] }) {
  const { t } = useTranslation('developer');
  const [form] = Form.useForm<Values>();
  const [confirming, setConfirming] = useState<Values | null>(null);
  const [done, setDone] = useState<Transfer | null>(null);
  const transfer = useAction(
    async (v: Values, key: string) =>
      unwrap(
        await api.POST('/accounts/{accountNo}/transfers', {
          params: { path: { accountNo } },
          body: { toAccountNo: v.toAccountNo.trim(), quantity: v.quantity.trim(), ...(v.blockPrefix ? { blockPrefix: v.blockPrefix } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    refresh,
  );

  const send = () => {
    const v = confirming!;
    setDone(null);
    transfer.mutate(v, {
      onSuccess: (result) => {
        setDone(result);
        form.resetFields();
      },
      onSettled: () => setConfirming(null),
    });
  };

  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={{ blockPrefix: '' }} onFinish={(v) => setConfirming(v)}>
        <Form.Item label={t('transfer.to')} name="toAccountNo" rules={[{ required: true, whitespace: true, message: t('form.required') }]} extra={t('transfer.toHint')}>
          <Input maxLength={40} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item
          label={t('transfer.quantity')}
          name="quantity"
          extra={t('transfer.quantityHint')}
          rules={[{ required: true, message: t('form.required') }, { validator: async (_, v?: string) => (!v || isWholeTonnes(v.trim()) ? undefined : Promise.reject(new Error(t('transfer.quantityInvalid')))) }]}
        >
          <Input inputMode="numeric" addonAfter="tCO₂e" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item label={t('transfer.block')} name="blockPrefix" extra={t('transfer.blockHint')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={[{ value: '', label: t('transfer.anyBlock') }, ...blocks.map((b) => ({ value: b.blockPrefix, label: `${b.blockPrefix}（${b.quantity} t）` }))]} />
        </Form.Item>
        <Form.Item label={t('transfer.reason')} name="reason" rules={[{ max: 500 }]}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('transfer.review')}
        </Button>
      </Form>
      <ErrorAlert error={transfer.error} />
      {done && (
        <Alert
          type="success"
          showIcon
          role="status"
          message={t('transfer.done', { quantity: done.quantity, to: done.toAccountNo })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {done.ranges.map((r) => (
                <li key={`${r.prefix}/${r.serialFrom}`}>
                  {r.prefix} <SerialRange from={r.serialFrom} to={r.serialTo} /> · <Quantity value={r.quantity} />
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Modal
        open={confirming !== null}
        title={t('transfer.confirmTitle')}
        okText={t('transfer.confirm')}
        cancelText={t('transfer.cancel')}
        confirmLoading={transfer.isPending}
        onOk={send}
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        {confirming && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('transfer.from')}>{accountNo}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.to')}>{confirming.toAccountNo.trim()}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.quantity')}>
              <Quantity value={confirming.quantity.trim()} />
            </Descriptions.Item>
            <Descriptions.Item label={t('transfer.block')}>{confirming.blockPrefix || t('transfer.anyBlockRule')}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.reason')}>{confirming.reason?.trim() || '—'}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </Space>
  );
}
