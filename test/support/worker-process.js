'use strict';
/**
 * A case worker in a process of its own, so a test can SIGKILL it mid-activity: no shutdown hook runs, its
 * database connections just drop. Env: TEMPORAL_ADDRESS, DATABASE_URL, TASK_QUEUE, WORKFLOWS (a .ts path).
 */
require('./../setup/swc-register').register();
require('reflect-metadata');
const { NativeConnection, Runtime, DefaultLogger } = require('@temporalio/worker');
const { startWorker } = require('./worker-harness.ts');

Runtime.install({ logger: new DefaultLogger('WARN') });
NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS })
  .then((connection) => startWorker(connection, process.env.TASK_QUEUE, 'default', process.env.WORKFLOWS))
  .then(() => process.stdout.write('worker ready\n'))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
