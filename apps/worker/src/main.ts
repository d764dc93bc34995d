import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { Logger } from 'nestjs-pino';
import { WorkerAppModule } from './worker-app.module';

/** The worker process: Nest builds the activities; Nest's shutdown hooks own shutdown (one owner). */
async function main() {
  Runtime.install({ shutdownSignals: [] });
  const app = await NestFactory.createApplicationContext(WorkerAppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
