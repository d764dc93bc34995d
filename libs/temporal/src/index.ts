export * from './task-queues';
export * from './workflow-ids';
export * from './search-attributes';
export * from './case-messages';
export type * from './case-activities';
