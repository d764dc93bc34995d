import { ExportOutlined } from '@ant-design/icons';
import { Alert, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { CaseActions } from './CaseActions';
import { caseTypeOf, useCase } from './caseApi';
import { CaseHeader } from './CaseHeader';
import { CaseTimeline } from './CaseTimeline';
import { IssuanceQuantities } from './IssuanceQuantities';
import { Materials } from './Materials';
import { ProcedureSteps } from './ProcedureSteps';
import { PublicityRounds } from './PublicityRounds';
import { RunningDeadline } from './RunningDeadline';

/**
 * The case page (/cases/:caseNo) for every role that may read the case: where it stands in its procedure, its
 * quantities, deadline, materials, publicity rounds and timeline, and the actions this user may take now.
 */
export default function CasePage() {
  const { caseNo = '' } = useParams();
  const { t } = useTranslation('cases');
  const query = useCase(caseNo);
  if (caseTypeOf(caseNo) === null) return <Alert type="error" showIcon title={t('page.noSuchCase', { caseNo })} />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const c = query.data;
  if (!c) return <Spin aria-label={t('page.loading')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <CaseHeader c={c} />
      {c.temporalUiUrl && (
        <Typography.Link href={c.temporalUiUrl} target="_blank" rel="noopener noreferrer">
          <ExportOutlined aria-hidden /> {t('page.temporalUi')}
        </Typography.Link>
      )}
      <ProcedureSteps c={c} />
      <CaseActions c={c} />
      {c.caseType === 'issuance' && <IssuanceQuantities c={c} />}
      <RunningDeadline c={c} />
      <Materials c={c} />
      <PublicityRounds c={c} />
      <CaseTimeline c={c} />
    </Space>
  );
}
