import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../../../libs/temporal/src/server/search-attribute-registration';
import { temporalConfig } from '../../../../libs/temporal/src/server/temporal-config';

/** The API's Temporal client, injectable so services never build connections themselves. */
@Injectable()
export class TemporalClientService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('TemporalClient');
  private connection?: Connection;
  client!: Client;
  /** False when the server lacks our search attributes and would not register them (degraded, warned). */
  searchAttributesEnabled = false;

  async onModuleInit(): Promise<void> {
    const { address, namespace } = temporalConfig();
    this.connection = await Connection.connect({ address });
    this.client = new Client({ connection: this.connection, namespace });
    this.searchAttributesEnabled = await ensureSearchAttributes(this.connection, namespace, (m) => this.log.warn(m));
  }

  /**
   * Runs a call to Temporal under a server-side deadline (TEMPORAL_CALL_TIMEOUT_MS, default 10 s), so a
   * request that needs Temporal answers within a bounded time whatever the server is doing.
   */
  call<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const ms = Number(process.env.TEMPORAL_CALL_TIMEOUT_MS ?? 10_000);
    return this.client.connection.withDeadline(Date.now() + ms, () => fn(this.client));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
