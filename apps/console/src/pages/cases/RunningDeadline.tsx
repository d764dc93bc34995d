import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { beijingDateTime } from '../../shared/time';
import { useDeadlineExplanation, type CaseView } from './caseApi';
import { DeadlineExplanation } from './DeadlineExplanation';
import { Section } from './Section';

/** The deadline running now: when (Beijing time), what, whose, working days left, provisional — and how it was counted. */
export function RunningDeadline({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const explained = useDeadlineExplanation(c);
  const [open, setOpen] = useState(false);
  if (!c.deadlineKind || !c.deadlineAt) {
    return (
      <Section title={t('deadline.title')}>
        <Typography.Text>{t('deadline.none')}</Typography.Text>
      </Section>
    );
  }
  const d = explained.data;
  return (
    <Section
      title={t('deadline.title')}
      extra={
        d && (
          <Button onClick={() => setOpen(true)} aria-haspopup="dialog">
            {t('deadline.howCounted')}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'at',
            label: t('deadline.closesAt'),
            children: (
              <Space wrap>
                <Typography.Text strong>{beijingDateTime(c.deadlineAt)}</Typography.Text>
                <Typography.Text type="secondary">{t('deadline.beijing')}</Typography.Text>
                {c.overdue && <Tag color="error">{t('flags.overdue')}</Tag>}
                {c.deadlineProvisional && <Tag color="warning">{t('deadline.provisional')}</Tag>}
              </Space>
            ),
          },
          { key: 'kind', label: t('deadline.kind'), children: t(`deadlineKind.${c.deadlineKind}`) },
          { key: 'whose', label: t('deadline.whose'), children: c.deadlineBindsOn ? t(`bindsOn.${c.deadlineBindsOn}`) : '—' },
          { key: 'left', label: t('deadline.left'), children: d ? t('deadline.workingDaysLeft', { count: d.workingDaysLeft }) : '—' },
        ]}
      />
      {c.deadlineProvisional && <Typography.Paragraph type="secondary">{t('deadline.provisionalNote')}</Typography.Paragraph>}
      <ErrorAlert error={explained.error} />
      {d && <DeadlineExplanation open={open} onClose={() => setOpen(false)} d={d} />}
    </Section>
  );
}
