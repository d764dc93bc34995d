'use strict';
// Jest's default order (failed first, then slowest first) with the `contract` project moved to the end: it fuzzes
// the API for minutes and its verdict reads best after the tests that say what the API should do.
const Sequencer = require('@jest/test-sequencer').default;

const isContract = (test) => test.context.config.displayName?.name === 'contract';

class ContractLastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((t) => !isContract(t)), ...sorted.filter(isContract)];
  }
}

module.exports = ContractLastSequencer;
