import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from './caseApi';

/** How a status reads at a glance; the tag always carries the status's name (not colour alone). */
const TONE: Record<CaseStatus, 'success' | 'processing' | 'warning' | 'error' | 'default'> = {
  draft: 'default',
  under_review: 'processing',
  awaiting_supplement: 'warning',
  review_passed: 'processing',
  in_publicity: 'processing',
  awaiting_revision: 'warning',
  awaiting_registration: 'processing',
  awaiting_bureau_submission: 'processing',
  awaiting_signoff: 'processing',
  registered: 'success',
  issued: 'success',
  rejected: 'error',
  lapsed: 'error',
  withdrawn: 'error',
  terminated: 'error',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('cases');
  return <Tag color={TONE[status]}>{t(`status.${status}`)}</Tag>;
}
