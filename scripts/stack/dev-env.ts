import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../../libs/temporal/src/test-server-executable';

/**
 * Where `npm start` keeps its state (PostgreSQL, Temporal's SQLite, logs, the JWT secret): .data in the repository,
 * or $REGISTRY_DATA_DIR — a second instance beside the first (the bench starts one on a fresh directory).
 */
export function dataDir(): string {
  return process.env.REGISTRY_DATA_DIR || join(findRepoRoot(), '.data');
}

/** The running dev stack writes its connection settings here so `npm run seed` / `demo` find it. */
export function devEnvFile(): string {
  return join(dataDir(), 'dev.env');
}

export function saveDevEnv(vars: Record<string, string>): void {
  writeFileSync(devEnvFile(), Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o600 });
}

/** Fills unset variables from .data/dev.env; variables already in the environment win. */
export function loadDevEnv(): void {
  const file = devEnvFile();
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2];
  }
}
