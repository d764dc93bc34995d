import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { Logger } from 'nestjs-pino';
import { AuditTrail } from './audit/audit-trail';
import { documentEveryResponse } from './common/api-errors';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { ErrorResponse } from './common/error-response';
import { SafeTextPipe } from './common/safe-text.pipe';

/** Everything main.ts, the e2e tests and the demo share: the text rule and validation, the error shape, OpenAPI at /docs. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  // First middleware, before the body parsers: a request refused for its body (413, bad JSON) is audited too.
  app.use(app.get(AuditTrail).middleware);
  app.useGlobalPipes(new SafeTextPipe(), new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new DomainExceptionFilter());
  answerMalformedRequestsInTheErrorShape(app.getHttpServer());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Carbon-inclusion registry (碳普惠) back office')
    .setDescription(
      'Registration and issuance cases, publicity, deadlines and the registry ledger (Beijing). Errors share one shape: ErrorResponse. ' +
        'Mutating requests take an optional Idempotency-Key.',
    )
    .setVersion('0.2.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, documentEveryResponse(SwaggerModule.createDocument(app, doc, { extraModels: [ErrorResponse] })));
  return app;
}

/**
 * Requests Node refuses before any route runs — headers over its limit (431), malformed HTTP (400) — are
 * answered in the one JSON error shape too, instead of Node's bare status line.
 */
function answerMalformedRequestsInTheErrorShape(server: Server) {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [statusCode, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'The request headers are larger than this server accepts.']
        : [400, 'VALIDATION_FAILED', 'The request is not valid HTTP.'];
    const body = JSON.stringify({ statusCode, code, message });
    socket.end(`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
