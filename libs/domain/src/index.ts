export * from './errors';
export * from './access/roles';
export * from './access/case-access';
export * from './registration/registration-status';
export * from './registration/eligibility';
export * from './registration/case-number';
export * from './registration/periods';
