// The workflow bundle's entry point: every case workflow the worker hosts.
export { projectRegistrationWorkflow } from './project-registration.workflow';
export { reductionIssuanceWorkflow } from './reduction-issuance.workflow';
