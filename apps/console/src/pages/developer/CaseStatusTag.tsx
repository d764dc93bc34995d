import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Closed for good, for better or worse: the tag's colour says which, its text says what (never colour alone). */
const DONE = ['registered', 'issued'];
const ENDED = ['rejected', 'lapsed', 'withdrawn', 'terminated'];

/** A case's status in words (the case page's names: one list of them); `mine` marks a case waiting for the person looking at it. */
export function CaseStatusTag({ status, mine = false }: { status: string; mine?: boolean }) {
  const { t } = useTranslation(['developer', 'cases']);
  const color = DONE.includes(status) ? 'success' : ENDED.includes(status) ? 'error' : mine ? 'warning' : undefined;
  return (
    // Solid: the theme's status colours pass AA with white text; on their light backgrounds they do not (axe).
    <Tag color={color} variant={color ? 'solid' : 'filled'}>
      {t(`cases:status.${status}`)}
      {mine ? ` · ${t('waitsForYou')}` : ''}
    </Tag>
  );
}
