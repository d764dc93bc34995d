import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { CaseTable } from './CaseTable';

/**
 * The bureau's sign-off queue (/signoff): its worklist as the API defines it for the bureau (issuance cases waiting
 * for sign-off, BJ-23), with the worklist's row anatomy; each row opens the case page, where sign-off is taken.
 */
export default function SignOffQueuePage() {
  const { t } = useTranslation('worklist');
  const queue = useQuery({ queryKey: ['worklist', 'bureau'], queryFn: async () => unwrap(await api.GET('/cases/worklist')) });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('signoff.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('signoff.intro')}
      </Typography.Paragraph>
      <ErrorAlert error={queue.error} />
      <CaseTable rows={queue.data ?? []} loading={queue.isLoading} caption={t('signoff.caption', { count: queue.data?.length ?? 0 })} />
    </Space>
  );
}
