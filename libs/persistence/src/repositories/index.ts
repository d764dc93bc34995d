export * from './calendar.repository';
export * from './case-projection.repository';
export * from './ledger.repository';
export * from './notification-outbox.repository';
export * from './email-audience.repository';
export * from './notification-digest.repository';
export * from './webhook-subscriptions.repository';
