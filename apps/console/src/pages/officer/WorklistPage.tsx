import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Radio, Select, Space, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { session } from '../../auth/session';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { CaseTable } from './CaseTable';
import { RowActions } from './RowActions';
import { filtersFrom, paramsFrom, queryFrom, WORKLIST_STATUSES, type Assigned, type WorklistCaseType, type WorklistFilters, type WorklistStatus } from './worklistFilters';

const ASSIGNED_ORDER: Assigned[] = ['me-or-none', 'me', 'none', 'any'];

/**
 * The officer's worklist (/worklist): registrations and issuances in one table, soonest deadline first (the
 * API's order), with quick filters kept in the URL so a view can be bookmarked and Back returns to it; claim or
 * assign from the row.
 */
export default function WorklistPage() {
  const { t } = useTranslation('worklist');
  const { t: tc } = useTranslation('cases');
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const typeId = useId();
  const statusId = useId();
  // Without `assigned` the API applies the role's default: an officer's own and unclaimed cases, everyone's for an admin.
  const shownAssigned = filters.assigned ?? (session.user()?.role === 'officer' ? 'me-or-none' : 'any');
  const now = Date.now();
  const query = queryFrom(filters, now);
  const worklist = useQuery({ queryKey: ['worklist', query], queryFn: async () => unwrap(await api.GET('/cases/worklist', { params: { query } })) });
  const set = (change: Partial<WorklistFilters>) => setParams(paramsFrom({ ...filters, ...change }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <div role="search" aria-label={t('filters.label')}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('filters.assigned')}>
            <Radio.Group
              aria-label={t('filters.assigned')}
              optionType="button"
              value={shownAssigned}
              onChange={(e) => set({ assigned: e.target.value as Assigned })}
              options={ASSIGNED_ORDER.map((a) => ({ value: a, label: t(`filters.assignedOptions.${a}`) }))}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={filters.overdue} onChange={(e) => set({ overdue: e.target.checked })}>
              {t('filters.overdue')}
            </Checkbox>
          </Form.Item>
          <Form.Item>
            <Checkbox checked={filters.dueThisWeek} onChange={(e) => set({ dueThisWeek: e.target.checked })}>
              {t('filters.dueThisWeek')}
            </Checkbox>
          </Form.Item>
          <Form.Item>
            <Checkbox checked={filters.needsAttention} onChange={(e) => set({ needsAttention: e.target.checked })}>
              {t('filters.needsAttention')}
            </Checkbox>
          </Form.Item>
          <Form.Item label={t('filters.caseType')} htmlFor={typeId}>
            <Select
              virtual={false}
              id={typeId}
              style={{ width: 180 }}
              value={filters.caseType ?? ''}
              onChange={(v: WorklistCaseType | '') => set({ caseType: v === '' ? undefined : v })}
              options={[
                { value: '', label: t('filters.allTypes') },
                { value: 'registration', label: tc('caseType.registration') },
                { value: 'issuance', label: tc('caseType.issuance') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('filters.status')} htmlFor={statusId}>
            <Select
              virtual={false}
              id={statusId}
              style={{ width: 220 }}
              value={filters.status ?? ''}
              onChange={(v: WorklistStatus | '') => set({ status: v === '' ? undefined : v })}
              options={[
                { value: '', label: t('filters.waitingForUs') },
                ...(Object.keys(WORKLIST_STATUSES) as WorklistStatus[]).map((s) => ({ value: s, label: tc(`status.${s}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Button type="link" onClick={() => setParams(new URLSearchParams())} disabled={params.size === 0}>
              {t('filters.clear')}
            </Button>
          </Form.Item>
        </Form>
      </div>
      <ErrorAlert error={worklist.error} />
      <CaseTable rows={worklist.data ?? []} loading={worklist.isLoading} caption={t('caption', { count: worklist.data?.length ?? 0 })} actions={(row) => <RowActions row={row} />} />
    </Space>
  );
}
