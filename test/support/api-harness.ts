import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NativeConnection } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { configureApp } from '../../apps/api/src/configure-app';
import type { Actor } from '../../libs/domain/src';
import { CASES_TASK_QUEUE } from '../../libs/temporal/src';
import { startWorker } from './worker-harness';

/** The real API (HTTP, guards, validation, filter) and a real worker, against TEMPORAL_ADDRESS and DATABASE_URL. */
export async function startApi() {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app: INestApplication = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
  await app.init();
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await startWorker(connection, CASES_TASK_QUEUE);
  const tokens = app.get(TokenService);
  return {
    app,
    db: worker.db,
    http: () => request(app.getHttpServer()),
    bearer: (a: Actor) => ({ Authorization: `Bearer ${tokens.issue(a)}` }),
    async stop() {
      await worker.stop();
      await connection.close();
      await app.close();
    },
  };
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
