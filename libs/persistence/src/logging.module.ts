import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { requestIdOf } from './request-id';

/** Structured JSON logs (pino). LOG_LEVEL is read when the app starts, so scripts and tests can quiet it. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      useFactory: () => ({
        pinoHttp: {
          level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
          // Probes hit /health, /health/live and /health/ready every few seconds.
          autoLogging: { ignore: (req: { url?: string }) => req.url?.startsWith('/health') ?? false },
          redact: ['req.headers.authorization'],
          // The id the audit log records and X-Request-Id returns, so logs and audit rows join.
          genReqId: requestIdOf,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
