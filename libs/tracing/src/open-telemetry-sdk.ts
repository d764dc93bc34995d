import { IncomingMessage, ServerResponse } from 'node:http';
import { Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResourcesSync, envDetectorSync, hostDetectorSync, processDetectorSync, Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * The OpenTelemetry SDK of one process (1.x line: the one @temporalio/interceptors-opentelemetry 1.24 is built on).
 * Required only when tracing is on (tracing.ts), before the modules it instruments are: Node's http server (one span
 * per request, named by its route) and pg (one span per statement, with its SQL text but never its parameters).
 * Spans go out in batches over OTLP/HTTP protobuf; the exporter reads the OTEL_EXPORTER_OTLP_* variables, the
 * resource OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES, the provider OTEL_TRACES_SAMPLER and the batching OTEL_BSP_*.
 */
export interface OpenTelemetrySdk {
  provider: NodeTracerProvider;
  /** The processor every span of this process goes through; the worker feeds the workflow sandbox's spans to it too. */
  spanProcessor: BatchSpanProcessor;
  resource: Resource;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

export function startOpenTelemetry(defaultServiceName: string): OpenTelemetrySdk {
  // OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES (envDetector) override the default name.
  const resource = new Resource({ 'service.name': defaultServiceName }).merge(
    detectResourcesSync({ detectors: [hostDetectorSync, processDetectorSync, envDetectorSync] }),
  );
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register(); // AsyncLocalStorage context, W3C trace context propagation, the global tracer provider
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Liveness and readiness probes would bury the requests people make.
        ignoreIncomingRequestHook: (req) => req.url?.startsWith('/health') ?? false,
        applyCustomAttributesOnSpan: nameByRoute,
      }),
      // requireParentSpan: statements outside a request or an activity (pool warm-up, schedules) make no lone traces.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  return { provider, spanProcessor, resource, shutdown: () => provider.shutdown() };
}

/**
 * `POST /registrations/:caseNo/claim` rather than `POST`: the route template that answered (Express leaves it on the
 * request; Nest 11 runs on Express 5, which the 1.x-line Express and Nest instrumentations do not support), and the
 * request id that the log lines and the audit row carry.
 */
function nameByRoute(span: Span, request: IncomingMessage | unknown, response: ServerResponse | unknown): void {
  const req = request as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  const path = req.route?.path;
  if (typeof path === 'string' && !path.includes('{*')) {
    const route = `${req.baseUrl ?? ''}${path}`;
    span.setAttribute('http.route', route);
    span.updateName(`${req.method} ${route}`);
  }
  const requestId = (response as ServerResponse).getHeader?.('x-request-id');
  if (typeof requestId === 'string') span.setAttribute('registry.request_id', requestId);
}
