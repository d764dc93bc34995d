export * from './errors';
export * from './quantity';
export * from './text/safe-text';
export * from './access/roles';
export * from './access/case-access';
export * from './access/four-eyes';
export * from './cases/periods';
export * from './cases/procedure';
export * from './cases/action-args';
export * from './cases/documents';
export * from './cases/document-filename';
export * from './registration/registration-status';
export * from './registration/eligibility';
export * from './registration/case-number';
export * from './issuance/issuance-status';
export * from './issuance/issuance-application';
export * from './issuance/over-claim';
export * from './packs/rule-pack';
export * from './packs/case-procedures';
export * from './ledger/accounts';
export * from './ledger/serials';
export * from './ledger/journal-replay';
export * from './identity/password-policy';
export * from './identity/organisation-roles';
export * from './notifications/notification-kinds';
export * from './cases/reminders';
export * from './notifications/notification-audience';
export * from './notifications/webhook-events';
// Not here: './registration/identifier-skeleton' (BJ-14). It holds Unicode's confusables table (~400 KB once parsed),
// and every module this index reaches is evaluated again for each workflow a worker caches (the workflows import it):
// import it by its path where identifiers are compared.
