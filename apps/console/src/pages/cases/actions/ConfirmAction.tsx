import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import type { CaseView } from '../caseApi';
import { useCaseAction } from '../caseActions';
import { ActionCard } from './ActionCard';

/** An action that needs nothing but the decision (submit, claim, open publicity, complete registration, sign off): what it does, and its button. */
export function ConfirmAction(p: { c: CaseView; title: string; explanation: ReactNode; button: string; danger?: boolean; send: (key: string) => Promise<void> }) {
  const action = useCaseAction(p.c, (_: void, key) => p.send(key));
  return (
    <ActionCard title={p.title}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>{p.explanation}</Typography.Paragraph>
        <ErrorAlert error={action.error} />
        <Button type="primary" danger={p.danger} loading={action.isPending} onClick={() => action.mutate()}>
          {p.button}
        </Button>
      </Space>
    </ActionCard>
  );
}
