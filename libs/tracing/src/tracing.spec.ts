import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tracingSettings } from './tracing-settings';

const ROOT = join(__dirname, '..', '..', '..');

/** In a fresh process: start tracing as a main does, load what it instruments, and list the OpenTelemetry packages loaded. */
function loadedOpenTelemetry(env: Record<string, string>): string[] {
  const script = `
    require('./test/setup/swc-register').register();
    require('./libs/tracing/src/tracing.ts').startTracing('registry-test');
    require('pg'); require('http');
    const names = new Set(Object.keys(require.cache).map((f) => /node_modules\\/(@opentelemetry\\/[^/]+|@temporalio\\/interceptors-opentelemetry)\\//.exec(f)?.[1]).filter(Boolean));
    process.stdout.write(JSON.stringify([...names].sort()));
    process.exit(0);`;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_'))) as Record<string, string>;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...clean, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}

describe('issue 9 #1: tracing is off by default and costs nothing then', () => {
  it('issue 9 #1: without an OTLP endpoint no OpenTelemetry module is loaded at all', () => {
    expect(loadedOpenTelemetry({})).toEqual([]);
  }, 30_000);

  it('issue 9 #1: with OTEL_EXPORTER_OTLP_ENDPOINT the SDK, the OTLP exporter and the http and pg instrumentations load', () => {
    expect(loadedOpenTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toEqual(
      expect.arrayContaining(['@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-trace-otlp-proto', '@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-pg']),
    );
  }, 30_000);

  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }, true],
  ])('issue 9 #1: the standard variables %j turn tracing on: %s', (env, enabled) => {
    expect(tracingSettings(env).enabled).toBe(enabled);
  });

  it('issue 9 #1: a protocol other than http/protobuf (a gRPC collector port) is refused at start, not dropped silently', () => {
    expect(() => tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/http\/protobuf only/);
    expect(() => tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/only 'otlp'/);
  });
});
