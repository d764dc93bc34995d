'use strict';
/**
 * Loads this repo's TypeScript through @swc/core with the same options as the jest transform (decorators +
 * metadata). stack.js installs it only while requiring the stack modules; a child process a test spawns
 * (test/support/worker-process.js) installs it for good with `register()`.
 */
const fs = require('node:fs');

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
  swcrc: false,
  configFile: false,
};

function swcLoader(module, filename) {
  const { transformSync } = require('@swc/core');
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...SWC_OPTIONS, filename });
  module._compile(code, filename);
}

function register() {
  require.extensions['.ts'] = swcLoader; // deprecated but still the hook point every CommonJS loader (ts-node, pirates) uses
}

module.exports = { swcLoader, register };
