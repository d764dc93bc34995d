import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A tiny OTLP/HTTP trace receiver on 127.0.0.1, for the tracing test and `npm run bench -- trace`: it takes what the
 * processes' real exporters send (POST /v1/traces, protobuf, gzip or not) and keeps the spans in memory. Decoded with
 * the protobuf code the OpenTelemetry project generates from the OTLP .proto files and ships in its own
 * @opentelemetry/otlp-transformer (the exporter's encoder; not part of its public API, hence the pinned version).
 */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** The resource's service.name: which process made it (registry-api, registry-worker). */
  service: string;
  /** The instrumentation scope, e.g. @opentelemetry/instrumentation-pg, @temporalio/interceptor-workflow. */
  scope: string;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, string | number | boolean>;
}

export const durationMs = (s: ReceivedSpan): number => Number(s.endNs - s.startNs) / 1e6;

export interface OtlpReceiver {
  /** For OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  endpoint: string;
  spans: ReceivedSpan[];
  /** Export requests received, and ones that could not be decoded (answered 400). */
  requests: number;
  rejected: number;
  stop(): Promise<void>;
}

const root = require('@opentelemetry/otlp-transformer/build/src/generated/root');
const ExportTraceServiceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
const ExportTraceServiceResponse = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const receiver: OtlpReceiver = { endpoint: '', spans: [], requests: 0, rejected: 0, stop: async () => undefined };
  const server: Server = createServer((req, res) => {
    void body(req).then((bytes) => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      receiver.requests += 1;
      try {
        receiver.spans.push(...decode(req.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes));
      } catch (e) {
        receiver.rejected += 1;
        res.writeHead(400, { 'content-type': 'text/plain' }).end(String(e));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(Buffer.from(ExportTraceServiceResponse.encode({}).finish()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

type Attr = { key: string; value?: { stringValue?: string; intValue?: unknown; boolValue?: boolean; doubleValue?: number } };

function decode(bytes: Buffer): ReceivedSpan[] {
  const request = ExportTraceServiceRequest.decode(bytes);
  const spans: ReceivedSpan[] = [];
  for (const rs of request.resourceSpans ?? []) {
    const service = String(attributes(rs.resource?.attributes)['service.name'] ?? '');
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: hex(s.parentSpanId),
          name: s.name,
          kind: s.kind,
          service,
          scope: ss.scope?.name ?? '',
          startNs: BigInt(String(s.startTimeUnixNano)),
          endNs: BigInt(String(s.endTimeUnixNano)),
          attributes: attributes(s.attributes),
        });
      }
    }
  }
  return spans;
}

const hex = (b: Uint8Array | undefined) => (b?.length ? Buffer.from(b).toString('hex') : '');

function attributes(list: Attr[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of list ?? []) {
    if (!value) continue;
    if (value.stringValue !== undefined && value.stringValue !== null) out[key] = value.stringValue;
    else if (value.intValue !== undefined && value.intValue !== null) out[key] = Number(String(value.intValue));
    else if (value.boolValue !== undefined && value.boolValue !== null) out[key] = value.boolValue;
    else if (value.doubleValue !== undefined && value.doubleValue !== null) out[key] = value.doubleValue;
  }
  return out;
}
