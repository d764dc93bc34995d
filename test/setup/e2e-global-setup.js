'use strict';
// End-to-end tests: migrated PostgreSQL + an in-memory Temporal dev server with the case search attributes.
const { ensureStack } = require('./stack');

module.exports = async () => {
  await ensureStack({ temporal: true });
};
