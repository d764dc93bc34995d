import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useAction } from '../../shared/useAction';

type Body = components['schemas']['CreateRegistrationDto'];
interface Values {
  name: string;
  location: string;
  methodologyVersionId: string;
  siteIdentifiers: string[];
  implementationStartDate: string;
  notUnderEtsAllowanceManagement?: boolean;
  notInOtherMechanism?: boolean;
}

/**
 * BJ-13/BJ-14: a project's registration application. Eligibility (start date, tier-1 published methodology, both
 * attestations) is the API's to decide: its refusal lists every reason.
 */
export function RegistrationApplicationForm() {
  const { t } = useTranslation('developer');
  const navigate = useNavigate();
  const methodologies = useQuery({ queryKey: ['methodologies'], queryFn: async () => unwrap(await api.GET('/methodologies')) });
  const create = useAction(async (body: Body, key: string) => unwrap(await api.POST('/registrations', { body, headers: { 'Idempotency-Key': key } })), [['registrations']]);
  const issuable = (methodologies.data ?? []).filter((m) => m.tier === 1 && m.status === 'published'); // BJ-12: Class I needs tier 1

  const submit = (v: Values) =>
    create.mutate(
      {
        project: { name: v.name, location: v.location, methodologyVersionId: v.methodologyVersionId, siteIdentifiers: v.siteIdentifiers.map((s) => s.trim()), implementationStartDate: v.implementationStartDate },
        attestations: { notUnderEtsAllowanceManagement: v.notUnderEtsAllowanceManagement === true, notInOtherMechanism: v.notInOtherMechanism === true },
      },
      { onSuccess: (c) => navigate(`/cases/${c.caseNo}`) },
    );

  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <Form<Values> layout="vertical" onFinish={submit} initialValues={{ siteIdentifiers: [''] }} requiredMark="optional" scrollToFirstError>
      <Form.Item label={t('newApplication.registration.name')} name="name" rules={[required, { max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('newApplication.registration.location')} name="location" rules={[required, { max: 200 }]} extra={t('newApplication.registration.locationHint')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('newApplication.registration.methodology')} name="methodologyVersionId" rules={[{ required: true, message: t('form.required') }]} extra={t('newApplication.registration.methodologyHint')}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={methodologies.isLoading}
          options={issuable.map((m) => ({ value: m.id, label: `${m.code} ${m.title}（${t('newApplication.registration.version', { version: m.version })}）` }))}
          notFoundContent={t('newApplication.registration.noMethodology')}
        />
      </Form.Item>
      <Form.List name="siteIdentifiers" rules={[{ validator: async (_, v: string[]) => (v?.length ? undefined : Promise.reject(new Error(t('newApplication.registration.siteRequired')))) }]}>
        {(fields, { add, remove }, { errors }) => (
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('newApplication.registration.sites')}</legend>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item {...field} label={t('newApplication.registration.site', { n: i + 1 })} rules={[required, { max: 100 }]}>
                  <Input maxLength={100} style={{ width: 360 }} />
                </Form.Item>
                {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('newApplication.registration.removeSite', { n: i + 1 })} onClick={() => remove(field.name)} />}
              </Space>
            ))}
            <Form.Item extra={t('newApplication.registration.sitesHint')}>
              <Button icon={<PlusOutlined />} onClick={() => add('')}>
                {t('newApplication.registration.addSite')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          </fieldset>
        )}
      </Form.List>
      <Form.Item label={t('newApplication.registration.startDate')} name="implementationStartDate" rules={[{ required: true, message: t('form.required') }]} extra={t('newApplication.registration.startDateHint')}>
        <Input type="date" style={{ width: 200 }} />
      </Form.Item>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('newApplication.registration.attestations')}</legend>
        <Form.Item name="notUnderEtsAllowanceManagement" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('newApplication.registration.notUnderEts')}</Checkbox>
        </Form.Item>
        <Form.Item name="notInOtherMechanism" valuePropName="checked">
          <Checkbox>{t('newApplication.registration.notInOtherMechanism')}</Checkbox>
        </Form.Item>
      </fieldset>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={create.error} />
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('newApplication.create')}
        </Button>
      </Space>
    </Form>
  );
}
