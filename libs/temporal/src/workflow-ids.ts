/** Workflow ID = business key (design.md), so the case number finds the case in Temporal UI. */
export const registrationWorkflowId = (caseNo: string): string => `project-registration/${caseNo}`;
export const issuanceWorkflowId = (caseNo: string): string => `issuance/${caseNo}`;
export const caseNoFromWorkflowId = (workflowId: string): string => workflowId.slice(workflowId.indexOf('/') + 1);
