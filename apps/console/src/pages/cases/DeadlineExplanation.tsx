import { Alert, Modal, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { beijingDate, beijingDateTime } from '../../shared/time';
import type { DeadlineExplanation as Explained } from './caseApi';

type Day = Explained['days'][number];

/** The weekday of a calendar day (YYYY-MM-DD), 0 = Sunday. */
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The official schedule names a holiday "National Day,国庆节" (English, Chinese); an admin's note is shown as written. */
function dayName(day: Day, lang: string): string | undefined {
  if (!day.name) return undefined;
  const parts = day.name.split(',');
  if ((day.reason === 'statutory_holiday' || day.reason === 'adjusted_workday') && parts.length === 2) return lang.startsWith('zh') ? parts[1] : parts[0];
  return day.name;
}

/**
 * How a deadline was counted (CAL-2), so anyone can check it by hand: the rule in words, the instant the period
 * started, every day from the next one to its last working day — counted or passed over, and why — and the
 * calendar version, with a note when the case's recorded calendar is not today's.
 */
export function DeadlineExplanation({ open, onClose, d }: { open: boolean; onClose: () => void; d: Explained }) {
  const { t, i18n } = useTranslation('cases');
  let n = 0;
  const rows = d.days.map((day) => ({ ...day, nth: day.counted ? ++n : null }));
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={760} title={t('explain.title', { kind: t(`deadlineKind.${d.kind}`) })} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>
          {t('explain.rule', {
            startDay: beijingDate(d.startedAt),
            start: beijingDateTime(d.startedAt),
            n: d.workingDays,
            last: d.lastWorkingDay,
            closes: beijingDateTime(d.closesAt),
          })}
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('explain.calendar', { version: d.calendarVersion })}
          {d.provisional && ` ${t('deadline.provisionalNote')}`}
        </Typography.Paragraph>
        {d.recordedCalendarVersion !== d.calendarVersion && (
          <Alert
            type="warning"
            role="note"
            showIcon
            title={t(d.agreesWithRecorded ? 'explain.calendarChangedSame' : 'explain.calendarChangedMoved', { recorded: d.recordedCalendarVersion, current: d.calendarVersion })}
          />
        )}
        {d.recordedCalendarVersion === d.calendarVersion && !d.agreesWithRecorded && <Alert type="warning" role="note" showIcon title={t('explain.disagrees')} />}
        <Table
          size="small"
          pagination={false}
          rowKey="date"
          dataSource={rows}
          caption={t('explain.caption', { counted: d.workingDays, days: d.days.length })}
          columns={[
            { key: 'date', title: t('explain.date'), render: (_, day) => `${day.date} ${t(`weekday.${weekday(day.date)}`)}` },
            {
              key: 'counted',
              title: t('explain.counted'),
              render: (_, day) => (day.nth ? <Tag color="success">{t('explain.countedN', { n: day.nth })}</Tag> : <Tag>{t('explain.passedOver')}</Tag>),
            },
            {
              key: 'reason',
              title: t('explain.reason'),
              render: (_, day) => {
                const name = dayName(day, i18n.language);
                return name ? t('explain.reasonNamed', { reason: t(`dayReason.${day.reason}`), name }) : t(`dayReason.${day.reason}`);
              },
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
