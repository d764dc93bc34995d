'use strict';
// Workflow tests run real activities against PostgreSQL (the Temporal side is the time-skipping test server).
const { ensureStack } = require('./stack');

module.exports = async () => {
  await ensureStack({ temporal: false });
};
