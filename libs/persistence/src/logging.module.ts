import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/** Structured JSON logs (pino); pretty enough for a terminal with LOG_LEVEL, quiet in tests. */
@Module({
  imports: [
    LoggerModule.forRoot({
      pinoHttp: {
        level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
        autoLogging: { ignore: (req) => req.url === '/health' },
        redact: ['req.headers.authorization'],
      },
    }),
  ],
})
export class LoggingModule {}
