import { Descriptions, Space, Tag, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from './caseApi';
import { StatusTag } from './StatusTag';

/** The top of the case page: which case, about what, whose, in which round. */
export function CaseHeader({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const none = t('header.none');
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap align="center">
          <Typography.Title id={id} level={1} style={{ margin: 0, fontSize: 24 }}>
            {c.caseNo}
          </Typography.Title>
          <StatusTag status={c.status} />
          {c.overdue && <Tag color="error">{t('flags.overdue')}</Tag>}
          {c.escalated && <Tag color="warning">{t('flags.escalated')}</Tag>}
          {c.needsAttention && <Tag color="error">{t('flags.needsAttention')}</Tag>}
        </Space>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'type', label: t('header.type'), children: t(`caseType.${c.caseType}`) },
            { key: 'project', label: t('header.project'), children: c.projectName },
            { key: 'organisation', label: t('header.organisation'), children: c.organisationName },
            { key: 'registrationNo', label: t('header.registrationNo'), children: c.registrationNo ?? none },
            { key: 'officer', label: t('header.officer'), children: c.assignedOfficerName ?? t('header.unassigned') },
            { key: 'round', label: t('header.round'), children: c.round === 0 ? t('header.notSubmitted') : t('header.roundN', { round: c.round }) },
            ...(c.caseType === 'issuance'
              ? [
                  { key: 'period', label: t('header.monitoringPeriod'), children: t('header.periodRange', { start: c.periodStart, end: c.periodEnd, vintage: c.vintage }) },
                  { key: 'verifier', label: t('header.verifier'), children: c.verifierName ?? t('header.selfVerified') },
                ]
              : [{ key: 'location', label: t('header.location'), children: c.location }]),
          ]}
        />
      </Space>
    </section>
  );
}
