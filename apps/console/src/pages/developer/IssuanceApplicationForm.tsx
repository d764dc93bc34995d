import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { isClaimableQuantity } from '../../shared/quantities';
import { useAction } from '../../shared/useAction';

type Body = components['schemas']['CreateIssuanceDto'];
interface Values {
  projectId: string;
  start: string;
  end: string;
  claimedTco2e: string;
  verifierOrganisationId: string;
}

/** "Verifies itself" in the verifier picker: the application then names no verifier (BJ-21). */
const SELF_VERIFIED = 'self';

/**
 * BJ-20…BJ-22: an issuance application for one monitoring period of a registered project of mine. The claimed
 * quantity is sent as typed (a decimal string, up to 6 places); the period's rules are the API's, whose refusal
 * lists every reason.
 */
export function IssuanceApplicationForm() {
  const { t } = useTranslation('developer');
  const navigate = useNavigate();
  const projects = useQuery({ queryKey: ['projects', 'registered'], queryFn: async () => unwrap(await api.GET('/projects', { params: { query: { registered: true } } })) });
  const verifiers = useQuery({ queryKey: ['directory', 'verifiers'], queryFn: async () => unwrap(await api.GET('/directory/verifiers')) });
  const create = useAction(async (body: Body, key: string) => unwrap(await api.POST('/issuances', { body, headers: { 'Idempotency-Key': key } })), [['issuances']]);

  const submit = (v: Values) =>
    create.mutate(
      {
        projectId: v.projectId,
        monitoringPeriod: { start: v.start, end: v.end },
        claimedTco2e: v.claimedTco2e.trim(),
        ...(v.verifierOrganisationId === SELF_VERIFIED ? {} : { verifierOrganisationId: v.verifierOrganisationId }),
      },
      { onSuccess: (c) => navigate(`/cases/${c.caseNo}`) },
    );

  const required = { required: true, message: t('form.required') };
  return (
    <Form<Values> layout="vertical" onFinish={submit} requiredMark="optional" scrollToFirstError>
      <Form.Item label={t('newApplication.issuance.project')} name="projectId" rules={[required]} extra={t('newApplication.issuance.projectHint')}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={projects.isLoading}
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: `${p.registrationNo ?? ''} ${p.name}`.trim() }))}
          notFoundContent={t('newApplication.issuance.noProject')}
        />
      </Form.Item>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('newApplication.issuance.period')}</legend>
        <Space wrap align="start">
          <Form.Item label={t('newApplication.issuance.periodStart')} name="start" rules={[required]}>
            <Input type="date" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={t('newApplication.issuance.periodEnd')} name="end" rules={[required]} extra={t('newApplication.issuance.periodHint')}>
            <Input type="date" style={{ width: 200 }} />
          </Form.Item>
        </Space>
      </fieldset>
      <Form.Item
        label={t('newApplication.issuance.claimed')}
        name="claimedTco2e"
        extra={t('newApplication.issuance.claimedHint')}
        rules={[required, { validator: async (_, v?: string) => (!v || isClaimableQuantity(v.trim()) ? undefined : Promise.reject(new Error(t('newApplication.issuance.claimedInvalid')))) }]}
      >
        <Input inputMode="decimal" addonAfter="tCO₂e" style={{ width: 280 }} />
      </Form.Item>
      <Form.Item label={t('newApplication.issuance.verifier')} name="verifierOrganisationId" rules={[required]} extra={t('newApplication.issuance.verifierHint')}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={verifiers.isLoading}
          options={[...(verifiers.data ?? []).map((v) => ({ value: v.id, label: v.name })), { value: SELF_VERIFIED, label: t('newApplication.issuance.selfVerified') }]}
        />
      </Form.Item>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={create.error} />
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('newApplication.create')}
        </Button>
      </Space>
    </Form>
  );
}
