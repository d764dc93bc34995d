import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../apps/api/src/seed/demo-seed';
import { SeedModule } from '../apps/api/src/seed/seed.module';
import { devEnvFile, loadDevEnv } from './stack/dev-env';

/**
 * `npm run seed`: demo organisations and users; prints each user's e-mail, demo password and a bearer token
 * (SEED_TOKEN_TTL, default 12 h), and saves them to .data/tokens.json.
 */
async function main() {
  loadDevEnv();
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  const seed = await seedDemo(app);
  await app.close();
  const dir = join(devEnvFile(), '..');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify(seed, null, 2), { mode: 0o600 });
  console.log(`Published methodology versions: tier 1 ${seed.methodologyVersions.tier1}, tier 2 ${seed.methodologyVersions.tier2}\n`);
  for (const u of seed.users) {
    const password = u.password ?? '(their own; unchanged)';
    console.log(`${u.role.padEnd(10)} ${u.name} <${u.email}> password ${password} — ${u.organisation}\n  Authorization: Bearer ${u.token}\n`);
  }
  const base = `http://localhost:${process.env.PORT ?? 3000}`;
  console.log(`Saved to .data/tokens.json. Try: curl -H "Authorization: Bearer <developer token>" ${base}/registrations`);
  console.log(`or log in: curl -H 'Content-Type: application/json' ${base}/auth/login -d '{"email":"chen@greenpv.example","password":"<password>"}'`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
