import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { OpenTelemetrySdk } from './open-telemetry-sdk';
import { tracingSettings } from './tracing-settings';

/**
 * Traces across the API, Temporal and PostgreSQL, one trace per request (OpenTelemetry, exported over OTLP): the HTTP
 * server span → the Temporal client's Update span → the workflow's Update handler and activity scheduling → the
 * activity's execution → its SQL statements. Off unless an OTLP endpoint is configured (tracing-settings.ts); when
 * off, no OpenTelemetry SDK module is ever required, and the functions below return nothing to add.
 *
 * The API's and the worker's main import their `tracing.ts` first, which calls startTracing() before any module it
 * instruments (http, pg) is loaded.
 */
let sdk: OpenTelemetrySdk | undefined;

/** Starts exporting when the environment asks for it (and says so on stderr); else does nothing. Idempotent. */
export function startTracing(defaultServiceName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (sdk) return;
  const settings = tracingSettings(env);
  if (!settings.enabled) return;
  // Loaded here and only here: with tracing off the SDK costs nothing, not even its require().
  const { startOpenTelemetry } = require('./open-telemetry-sdk') as typeof import('./open-telemetry-sdk');
  sdk = startOpenTelemetry(defaultServiceName);
  // Flush what is buffered when the process winds down on its own (after Nest's shutdown hooks have run).
  process.once('beforeExit', () => void sdk?.shutdown().catch(() => undefined));
  process.stderr.write(`[tracing] ${defaultServiceName}: ${settings.reason}\n`);
}

export const tracingStarted = (): boolean => sdk !== undefined;

/** Exports the spans still buffered (tests and the bench read them right after an action). */
export async function flushTracing(): Promise<void> {
  await sdk?.spanProcessor.forceFlush();
}

/** The Temporal client's interceptors: an Update (or start) carries the caller's trace context in its headers. */
export function temporalClientInterceptors(): { workflow?: WorkflowClientInterceptor[] } {
  if (!sdk) return {};
  const { OpenTelemetryWorkflowClientInterceptor } = require('@temporalio/interceptors-opentelemetry/lib/client') as typeof import('@temporalio/interceptors-opentelemetry/lib/client');
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/** What a worker adds when tracing is on; the workflow side runs in the sandbox and must be in its bundle. */
export interface WorkerTracing {
  interceptors: Pick<WorkerInterceptors, 'activity'>;
  /** The sandbox's spans leave it through this sink, into this process's span processor. */
  sinks: InjectedSinks<never>;
  /** Module of workflow interceptors to bundle (`interceptors.workflowModules`, or `workflowInterceptorModules`). */
  workflowInterceptorsModule: string;
}

export function workerTracing(): WorkerTracing | undefined {
  if (!sdk) return undefined;
  const { spanProcessor, resource } = sdk;
  const otel = require('@temporalio/interceptors-opentelemetry/lib/worker') as typeof import('@temporalio/interceptors-opentelemetry/lib/worker');
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx), outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: otel.makeWorkflowExporter(spanProcessor, resource) } as InjectedSinks<never>,
    workflowInterceptorsModule: WORKFLOW_TRACING_INTERCEPTORS,
  };
}

/** The interceptors package's workflow-side module (spans inside the sandbox, context into activity headers). */
export const WORKFLOW_TRACING_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');
