export * from './task-queues';
export * from './workflow-ids';
export * from './search-attributes';
export * from './registration-messages';
export type * from './case-activities';
