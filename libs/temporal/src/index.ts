export * from './task-queues';
export * from './workflow-ids';
export * from './search-attributes';
export * from './case-messages';
export * from './execution-status';
export type * from './case-activities';
export * from './notification-messages';
