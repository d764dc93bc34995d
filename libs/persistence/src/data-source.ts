import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { applicationRole, urlActingAs } from './database-role';
import { ENTITIES } from './entities';
import { RegistrationFoundation1763700000000 } from './migrations/1763700000000-registration-foundation';
import { IssuanceAndLedger1763800000000 } from './migrations/1763800000000-issuance-and-ledger';
import { HardenedKernel1763900000000 } from './migrations/1763900000000-hardened-kernel';
import { Identity1763900000100 } from './migrations/1763900000100-identity';
import { AuditLogAndAppRole1763900000200 } from './migrations/1763900000200-audit-log-and-app-role';

export const MIGRATIONS = [
  RegistrationFoundation1763700000000,
  IssuanceAndLedger1763800000000,
  HardenedKernel1763900000000,
  Identity1763900000100,
  AuditLogAndAppRole1763900000200,
];

/**
 * One database config for the API, the worker, the CLI scripts and the tests. Schema by migrations only.
 * `application` sessions act as the application's role (DATABASE_APP_ROLE); `owner` sessions (migrations) as the
 * connecting user.
 */
export function dataSourceOptions(url = requireDatabaseUrl(), as: 'application' | 'owner' = 'application'): DataSourceOptions {
  const role = as === 'application' ? applicationRole() : undefined;
  return {
    type: 'postgres',
    url: role ? urlActingAs(url, role) : url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 10) },
  };
}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (scripts/up.sh sets it for the embedded PostgreSQL).');
  return url;
}

export async function runMigrations(url?: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 'owner'));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
