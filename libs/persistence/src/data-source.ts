import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { applicationRole, urlActingAs } from './database-role';
import { ENTITIES } from './entities';
import { RegistrationFoundation1763700000000 } from './migrations/1763700000000-registration-foundation';
import { IssuanceAndLedger1763800000000 } from './migrations/1763800000000-issuance-and-ledger';
import { HardenedKernel1763900000000 } from './migrations/1763900000000-hardened-kernel';
import { Identity1763900000100 } from './migrations/1763900000100-identity';
import { AuditLogAndAppRole1763900000200 } from './migrations/1763900000200-audit-log-and-app-role';
import { DeadlineStart1764000000000 } from './migrations/1764000000000-deadline-start';
import { DocumentChunks1764100000300 } from './migrations/1764100000300-document-chunks';
import { LedgerMovementFunction1764100000400 } from './migrations/1764100000400-ledger-movement-function';
import { JournalBalanceIndex1764100000500 } from './migrations/1764100000500-journal-balance-index';
import { WorklistOrder1764100000510 } from './migrations/1764100000510-worklist-order';
import { NotificationOutbox1764200000000 } from './migrations/1764200000000-notification-outbox';
import { NotificationDeadline1764200000100 } from './migrations/1764200000100-notification-deadline';
import { NotificationPreferences1764200000200 } from './migrations/1764200000200-notification-preferences';
import { Webhooks1764200000300 } from './migrations/1764200000300-webhooks';
import { TimeoutClosingClient } from './timeout-closing-client';

export const MIGRATIONS = [
  RegistrationFoundation1763700000000,
  IssuanceAndLedger1763800000000,
  HardenedKernel1763900000000,
  Identity1763900000100,
  AuditLogAndAppRole1763900000200,
  DeadlineStart1764000000000,
  DocumentChunks1764100000300,
  LedgerMovementFunction1764100000400,
  JournalBalanceIndex1764100000500,
  WorklistOrder1764100000510,
  NotificationOutbox1764200000000,
  NotificationDeadline1764200000100,
  NotificationPreferences1764200000200,
  Webhooks1764200000300,
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
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 10), ...databaseTimeouts(), Client: TimeoutClosingClient },
  };
}

/**
 * How long a request waits for PostgreSQL (fault 9: an outage answers 503 in bounded time, not a hang). A server
 * that refuses or does not accept a connection fails it after DB_CONNECT_TIMEOUT_MS (3 s; also the longest wait for
 * a free pooled connection); the server cancels a statement after DB_STATEMENT_TIMEOUT_MS (10 s, SQLSTATE 57014);
 * a server that answers nothing at all (hung, unreachable) fails the query 2 s after that, client side.
 */
export function databaseTimeouts(env = process.env) {
  const statementMs = Number(env.DB_STATEMENT_TIMEOUT_MS) || 10_000;
  return {
    connectionTimeoutMillis: Number(env.DB_CONNECT_TIMEOUT_MS) || 3_000,
    statement_timeout: statementMs,
    query_timeout: statementMs + 2_000,
    keepAlive: true,
  };
}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (scripts/up.sh sets it for the embedded PostgreSQL).');
  return url;
}

export async function runMigrations(url?: string): Promise<string[]> {
  const options = dataSourceOptions(url, 'owner');
  // A migration may rewrite a large table: no statement or query timeout here.
  const ds = new DataSource({ ...options, extra: { ...options.extra, statement_timeout: 0, query_timeout: 0 } } as DataSourceOptions);
  await ds.initialize();
  try {
    const ran = await ds.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
