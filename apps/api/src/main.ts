import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function main() {
  const app = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  await app.listen(Number(process.env.PORT ?? 3000));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
