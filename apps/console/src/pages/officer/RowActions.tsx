import { Button, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { session } from '../../auth/session';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useAction } from '../../shared/useAction';
import { caseKeys } from '../cases/caseApi';
import { sendCaseAction } from '../cases/caseActions';
import { AssignForm } from '../cases/actions/AssignForm';
import type { WorklistItem } from './CaseTable';

/**
 * Claim (an unclaimed case, officers) or assign (an officer picked by name) from the worklist row; each with its
 * Idempotency-Key; a refusal shows the API's message in the row; the list reloads after.
 */
export function RowActions({ row }: { row: WorklistItem }) {
  const { t } = useTranslation('worklist');
  const [assigning, setAssigning] = useState(false);
  const claim = useAction((_: void, key: string) => sendCaseAction.claim(row, key), caseKeys.afterAction(row.caseNo));
  const isOfficer = session.user()?.role === 'officer';
  return (
    <Space orientation="vertical">
      <Space>
        {isOfficer && !row.assignedOfficerId && (
          <Button size="small" type="primary" loading={claim.isPending} onClick={() => claim.mutate()} aria-label={t('row.claimCase', { caseNo: row.caseNo })}>
            {t('row.claim')}
          </Button>
        )}
        <Button size="small" onClick={() => setAssigning(true)} aria-label={t('row.assignCase', { caseNo: row.caseNo })} aria-haspopup="dialog">
          {t('row.assign')}
        </Button>
      </Space>
      <ErrorAlert error={claim.error} />
      <Modal open={assigning} onCancel={() => setAssigning(false)} footer={null} title={t('row.assignTitle', { caseNo: row.caseNo })} destroyOnHidden>
        <AssignForm c={row} currentOfficerId={row.assignedOfficerId} onDone={() => setAssigning(false)} />
      </Modal>
    </Space>
  );
}
