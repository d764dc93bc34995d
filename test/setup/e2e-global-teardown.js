'use strict';
const { releaseStack } = require('./stack');

module.exports = async () => {
  await releaseStack();
};
