import { Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { beijingDateTime } from '../../shared/time';
import type { CaseView } from './caseApi';
import { Section } from './Section';

type Event = components['schemas']['TimelineEventView'];
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** The particulars of a step worth reading on the timeline (the step's recorded arguments and results). */
function Particulars({ e }: { e: Event }) {
  const { t } = useTranslation('cases');
  const d = e.data;
  const lines = [
    text(d.toName) && t('timeline.assignedTo', { name: d.toName }),
    text(d.reasons) && t('timeline.reasons', { text: d.reasons }),
    text(d.note) && t('timeline.note', { text: d.note }),
    text(d.reason) && t('timeline.dismissalReason', { reason: t(`dismissalReason.${String(d.reason)}`, { defaultValue: String(d.reason) }) }),
    text(d.auditedTco2e) && t('timeline.audited', { quantity: d.auditedTco2e }),
    typeof d.standingComments === 'number' && t('timeline.standing', { count: d.standingComments }),
    text(d.registrationNo) && t('timeline.registrationNo', { no: d.registrationNo }),
    text(d.issuedTco2e) && t('timeline.issued', { quantity: d.issuedTco2e }),
    text(d.error) && t('timeline.error', { text: d.error }),
  ].filter((l): l is string => typeof l === 'string');
  return lines.length ? (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
      {lines.map((l) => (
        <li key={l}>
          <Typography.Text type="secondary">{l}</Typography.Text>
        </li>
      ))}
    </ul>
  ) : null;
}

/** Every step of the case, oldest first: who (name, role), what, when (Beijing time), in which round. */
export function CaseTimeline({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  return (
    <Section title={t('timeline.title')}>
      <Timeline
        items={c.timeline.map((e) => ({
          key: e.id,
          color: e.type === 'step_failed' || e.type.endsWith('_overdue') ? 'red' : undefined,
          content: (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{t(`event.${e.type}`, { defaultValue: e.type })}</Typography.Text>
              <Typography.Text>
                {beijingDateTime(e.occurredAt)}
                {' · '}
                {e.actorName ? t('timeline.by', { name: e.actorName, role: e.actorRole ? t(`roles.${e.actorRole}`, { ns: 'common' }) : '' }) : t('timeline.bySystem')}
                {e.round ? ` · ${t('header.roundN', { round: e.round })}` : ''}
              </Typography.Text>
              <Particulars e={e} />
            </Space>
          ),
        }))}
      />
    </Section>
  );
}
