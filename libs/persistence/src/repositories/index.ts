export * from './calendar.repository';
export * from './case-projection.repository';
