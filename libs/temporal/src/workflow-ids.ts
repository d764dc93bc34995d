import type { CaseType } from '../../domain/src';

/**
 * Each case type's workflow: its type name and its ID prefix. Workflow ID = business key (design.md), so
 * the case number finds the case in the Temporal UI: `project-registration/BJ-REG-2026-000123`. The prefix
 * is also the case's `CaseType` search attribute.
 */
export const CASE_WORKFLOWS: Record<CaseType, { workflowType: string; idPrefix: string }> = {
  registration: { workflowType: 'projectRegistrationWorkflow', idPrefix: 'project-registration' },
  issuance: { workflowType: 'reductionIssuanceWorkflow', idPrefix: 'issuance' },
};

export const caseWorkflowId = (caseType: CaseType, caseNo: string): string => `${CASE_WORKFLOWS[caseType].idPrefix}/${caseNo}`;
export const registrationWorkflowId = (caseNo: string): string => caseWorkflowId('registration', caseNo);
export const issuanceWorkflowId = (caseNo: string): string => caseWorkflowId('issuance', caseNo);
export const caseNoFromWorkflowId = (workflowId: string): string => workflowId.slice(workflowId.indexOf('/') + 1);

/** The reconciliation workflow's Schedule (one per namespace). */
export const RECONCILIATION_SCHEDULE_ID = 'case-reconciliation';
