export * from './task-queues';
export * from './workflow-ids';
export * from './search-attributes';
export * from './case-messages';
export * from './registration-messages';
export * from './issuance-messages';
export type * from './case-activities';
