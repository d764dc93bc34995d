import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../../../libs/temporal/src/server/search-attribute-registration';
import { temporalConfig } from '../../../../libs/temporal/src/server/temporal-config';
import { temporalClientInterceptors } from '../../../../libs/tracing/src/tracing';
import { isTemporalUnavailable, TemporalUnavailableError } from '../../../../libs/temporal/src/server/temporal-unavailability';
import { within } from '../common/within';

/**
 * gRPC reconnects with exponential backoff, by default up to 120 s between attempts: after a one-minute outage a
 * default connection failed for another 44 s once Temporal was back (measured). Capped at 1 s: 1.2 s, server
 * start-up included.
 */
const RECONNECT_QUICKLY = { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 1000 };
/** Between attempts to register the search attributes while Temporal is unreachable. */
const REGISTRATION_RETRY_MS = 1000;

/** The API's Temporal client, injectable so services never build connections themselves. */
@Injectable()
export class TemporalClientService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('TemporalClient');
  /** Default deadline of `call()`: TEMPORAL_CALL_TIMEOUT_MS, 10 s. */
  private readonly callTimeoutMs = Number(process.env.TEMPORAL_CALL_TIMEOUT_MS) || 10_000;
  /** Use through `call()`, which bounds every request in time. */
  client!: Client;
  /** Undefined until the server has answered the search-attribute registration (it may be down at start-up). */
  private searchAttributes?: boolean;
  private registrationRetry?: NodeJS.Timeout;
  private closed = false;

  /**
   * Whether cases carry our search attributes (false: the server refused them; degraded, warned). Read it only to
   * start a workflow: until Temporal has been reached it throws TemporalUnavailableError (503), so no case is
   * started with a stale answer.
   */
  get searchAttributesEnabled(): boolean {
    if (this.searchAttributes === undefined) throw new TemporalUnavailableError('Temporal has not been reached since the API started.');
    return this.searchAttributes;
  }

  /** The service over a client made elsewhere: workflow tests and the bench bring the test server's. */
  static over(client: Client, searchAttributesEnabled: boolean): TemporalClientService {
    const service = new TemporalClientService();
    service.client = client;
    service.searchAttributes = searchAttributesEnabled;
    return service;
  }

  /** For readiness: the registration's answer, undefined while Temporal has not been reached. */
  get searchAttributesRegistered(): boolean | undefined {
    return this.searchAttributes;
  }

  /** Starts without Temporal (Connection.lazy): the API answers 503 for case actions until Temporal is reachable. */
  async onModuleInit(): Promise<void> {
    const { address, namespace } = temporalConfig();
    const connection = Connection.lazy({ address, channelArgs: RECONNECT_QUICKLY });
    // With tracing on, each Update carries the HTTP request's trace context to the workflow (off: none).
    this.client = new Client({ connection, namespace, interceptors: temporalClientInterceptors() });
    await this.registerSearchAttributes(connection, namespace);
  }

  /**
   * Runs Temporal calls under a deadline (fault 9): `fn` gets the client and every gRPC call it makes carries the
   * deadline to the server; whatever happens, this settles within `timeoutMs` (default TEMPORAL_CALL_TIMEOUT_MS).
   * Throws what `fn` throws; after the deadline, TemporalUnavailableError — an action may then still complete, and
   * repeating it with the same update id (Idempotency-Key) returns its one outcome. The error filter answers 503.
   *
   *   return this.temporal.call((client) => client.workflow.getHandle(id).executeUpdate(update, { args, updateId }));
   */
  async call<T>(fn: (client: Client) => Promise<T>, timeoutMs = this.callTimeoutMs): Promise<T> {
    const client = this.client;
    // The gRPC deadline alone can be overshot by the SDK's retry backoff (up to 5 s between attempts); the timer
    // is the bound the caller sees.
    return within(
      timeoutMs,
      client.connection.withDeadline(Date.now() + timeoutMs, () => fn(client)),
      () => new TemporalUnavailableError(`Temporal did not answer within ${timeoutMs} ms.`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.registrationRetry);
    await this.client?.connection.close();
  }

  /** Registers the search attributes now if Temporal answers, else keeps trying in the background. */
  private async registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
    try {
      this.searchAttributes = await this.call(() => ensureSearchAttributes(connection, namespace, (m) => this.log.warn(m)));
    } catch (e) {
      if (!isTemporalUnavailable(e)) throw e;
      if (!this.registrationRetry) this.log.warn(`Temporal is unreachable (${(e as Error).message}); case actions answer 503 until it is back.`);
      if (this.closed) return;
      this.registrationRetry = setTimeout(() => {
        this.registerSearchAttributes(connection, namespace).catch((err: Error) => this.log.error(`search attributes: ${err.stack ?? err}`));
      }, REGISTRATION_RETRY_MS);
      this.registrationRetry.unref();
      return;
    }
    if (this.registrationRetry) this.log.log('Temporal is reachable again; case actions resume.');
    this.registrationRetry = undefined;
  }
}
