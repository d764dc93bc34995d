import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { documentRetryableFailures } from './common/retryable-failure';

/** Everything main.ts, the e2e tests and the demo share: validation, the error shape, OpenAPI at /docs. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new DomainExceptionFilter());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Carbon-inclusion registry (碳普惠) back office')
    .setDescription('Registration, publicity and deadlines for Beijing Class I projects. Errors share one shape: ErrorResponse.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, documentRetryableFailures(SwaggerModule.createDocument(app, doc)));
  return app;
}
