import { SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * Our own spans, for steps no library instruments (the bearer-token check). Only the OpenTelemetry API is loaded
 * here: without a registered SDK (tracing off) its tracer is a no-op and `inSpan` just calls `fn`.
 */
const tracer = trace.getTracer('carbon-inclusion-registry');

/** Runs `fn` inside a span named `name` (the active span while it runs); a thrown error marks the span failed. */
export function inSpan<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, async (span) => {
    try {
      return await fn();
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      span.end();
    }
  });
}
