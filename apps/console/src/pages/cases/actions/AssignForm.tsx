import { useQuery } from '@tanstack/react-query';
import { Button, Form, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useAction } from '../../../shared/useAction';
import { caseKeys } from '../caseApi';
import { sendCaseAction, type CaseRef } from '../caseActions';

/** The officers a case can be assigned to (GET /directory/officers), for every picker. */
export function useOfficers() {
  return useQuery({ queryKey: ['officers'], queryFn: async () => unwrap(await api.GET('/directory/officers')), staleTime: 300_000 });
}

/** Assign (or reassign) a case to an officer picked by name; recorded on the timeline. */
export function AssignForm({ c, currentOfficerId, onDone }: { c: CaseRef; currentOfficerId: string | null; onDone?: () => void }) {
  const { t } = useTranslation('cases');
  const id = useId();
  const officers = useOfficers();
  const assign = useAction((officerId: string, key: string) => sendCaseAction.assign(c, officerId, key), caseKeys.afterAction(c.caseNo));
  return (
    <Form layout="vertical" onFinish={(v: { officerId: string }) => assign.mutate(v.officerId, { onSuccess: () => onDone?.() })}>
      <Form.Item name="officerId" label={t('assign.officer')} htmlFor={id} rules={[{ required: true, message: t('assign.officerRequired') }]}>
        <Select
          virtual={false}
          id={id}
          loading={officers.isLoading}
          style={{ maxWidth: 320 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={(officers.data ?? []).map((o) => ({ value: o.id, label: o.id === currentOfficerId ? t('assign.current', { name: o.name }) : o.name }))}
        />
      </Form.Item>
      <ErrorAlert error={officers.error ?? assign.error} />
      <Button htmlType="submit" type="primary" loading={assign.isPending}>
        {t('assign.submit')}
      </Button>
    </Form>
  );
}
