import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { RegistrationFoundation1763700000000 } from './migrations/1763700000000-registration-foundation';
import { IssuanceAndLedger1763800000000 } from './migrations/1763800000000-issuance-and-ledger';
import { HardenedKernel1763900000000 } from './migrations/1763900000000-hardened-kernel';
import { Identity1763900000100 } from './migrations/1763900000100-identity';

export const MIGRATIONS = [
  RegistrationFoundation1763700000000,
  IssuanceAndLedger1763800000000,
  HardenedKernel1763900000000,
  Identity1763900000100,
];

/** One database config for the API, the worker, the CLI scripts and the tests. Schema by migrations only. */
export function dataSourceOptions(url = requireDatabaseUrl()): DataSourceOptions {
  return {
    type: 'postgres',
    url,
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
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
