// The workflow bundle's entry point: every workflow the worker hosts.
export { projectRegistrationWorkflow } from './project-registration.workflow';
export { reductionIssuanceWorkflow } from './reduction-issuance.workflow';
export { caseReconciliationWorkflow } from './case-reconciliation.workflow';
export { notificationDeliveryWorkflow } from './notification-delivery.workflow';
export { deliverySweepWorkflow } from './delivery-sweep.workflow';
export { notificationDigestWorkflow } from './notification-digest.workflow';
