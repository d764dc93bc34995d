import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { Logger } from 'nestjs-pino';
import { AuditTrail } from './audit/audit-trail';
import { documentEveryResponse } from './common/api-errors';
import { describeRoles, operationId } from './common/api-operations';
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
  SwaggerModule.setup('docs', app, apiDocument(app));
  return app;
}

/**
 * The OpenAPI document served at /docs (JSON at /docs-json): every operation with its success schema, every error
 * in the ErrorResponse shape (common/api-errors.ts), who may call it (x-roles) and an operation id for clients.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Carbon-inclusion registry (碳普惠) back office')
    .setDescription(
      'Registration and issuance cases, publicity, deadlines and the registry ledger (Beijing). Errors share one shape: ErrorResponse. ' +
        'Mutating requests take an optional Idempotency-Key. Each operation names the roles that may call it (x-roles).',
    )
    .setVersion('0.2.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponse], operationIdFactory: operationId });
  return describeRoles(documentEveryResponse(document));
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
