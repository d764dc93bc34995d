import { startTracing } from '../../../libs/tracing/src/tracing';

// Imported first by main.ts: OpenTelemetry must patch http and pg before anything loads them (off by default).
startTracing('registry-worker');
