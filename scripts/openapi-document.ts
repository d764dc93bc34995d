import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module';
import { apiDocument } from '../apps/api/src/configure-app';

/**
 * Writes the API's OpenAPI document (the one the API serves at /docs-json) to the given file, without a database or
 * Temporal: Nest's preview mode reads the modules' metadata and constructs no provider. The console's build
 * generates its typed client from it (apps/console: `openapi-typescript`), so a changed answer shape fails the
 * console's typecheck instead of a page.
 */
async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node dist/scripts/openapi-document.js <file.json>');
  const app = await NestFactory.create(AppModule, { preview: true, logger: ['error'] });
  writeFileSync(out, `${JSON.stringify(apiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
