/**
 * Whether this process exports traces, read from the standard OpenTelemetry variables only, so any OTLP collector
 * (Jaeger, Tempo, an OpenTelemetry Collector) is pointed at the same way as for any other service:
 *   OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (full URL, e.g. http://localhost:4318/v1/traces) or
 *   OTEL_EXPORTER_OTLP_ENDPOINT (base URL; /v1/traces is appended) turns tracing on;
 *   OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turns it off again.
 * Off is the default: with neither endpoint set, nothing of the OpenTelemetry SDK is loaded.
 */
export interface TracingSettings {
  enabled: boolean;
  /** Why it is off, or where spans go (for the start-up log line). */
  reason: string;
}

/** The one transport exported: OTLP over HTTP with protobuf bodies (the exporter's and the collectors' default). */
export const TRACES_PROTOCOL = 'http/protobuf';

export function tracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return { enabled: false, reason: 'OTEL_TRACES_EXPORTER=none' };
  if (!endpoint) return { enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT' };
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter && exporter !== 'otlp') throw new Error(`OTEL_TRACES_EXPORTER=${exporter}: only 'otlp' (or 'none') is supported.`);
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL)?.trim();
  // A gRPC collector port (4317) answered with HTTP would drop every span silently: refuse at start instead.
  if (protocol && protocol !== TRACES_PROTOCOL) {
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol}: traces are exported as ${TRACES_PROTOCOL} only (a collector's OTLP/HTTP port, usually 4318).`);
  }
  return { enabled: true, reason: `OTLP ${TRACES_PROTOCOL} to ${endpoint}` };
}
