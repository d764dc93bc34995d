import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NativeConnection } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { MailSettings } from '../../activities/notifications/email/mail-settings';
import { AppModule } from '../../apps/api/src/app.module';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { apiDocument, configureApp } from '../../apps/api/src/configure-app';
import type { Actor } from '../../libs/domain/src';
import { CASES_TASK_QUEUE } from '../../libs/temporal/src';
import { DocumentedAnswers } from './documented-answers';
import { startWorker } from './worker-harness';

/**
 * The real API (HTTP, guards, validation, filter) and, unless `worker: false`, a real worker, against
 * TEMPORAL_ADDRESS and DATABASE_URL. `env` is in force while the app starts (its modules read their settings
 * then: rate limits, token lifetimes, the user cache). Every success answer is held to the OpenAPI document
 * (DocumentedAnswers): `stop()` fails the test file that met an answer the document does not describe.
 */
export async function startApi(options: { env?: Record<string, string>; worker?: boolean; mail?: MailSettings } = {}) {
  const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((k) => [k, process.env[k]]));
  Object.assign(process.env, options.env);
  let app: INestApplication;
  let answers: DocumentedAnswers;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
    answers = new DocumentedAnswers(apiDocument(app));
    app.useGlobalInterceptors(answers);
    await app.init();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const connection = options.worker === false ? undefined : await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = connection ? await startWorker(connection, CASES_TASK_QUEUE, 'default', undefined, { mail: options.mail }) : undefined;
  const tokens = app.get(TokenService);
  return {
    app,
    db: worker ? worker.db : app.get(DataSource),
    http: () => request(app.getHttpServer()),
    /** A token for a user written by the fixtures (token_version 0), as the seed issues them: no login. */
    bearer: (a: Actor) => ({ Authorization: `Bearer ${tokens.issue(a)}` }),
    async stop() {
      await worker?.stop();
      await connection?.close();
      await app.close();
      if (answers.violations.length) {
        throw new Error(`Answers that do not match the OpenAPI document (apps/api/src/**/*.views.ts):\n${answers.violations.join('\n')}`);
      }
    },
  };
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
