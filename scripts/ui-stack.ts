import { createServer } from 'node:http';
import { startTimeSkippingStack } from './demo/demo-stack';

/**
 * The stack the console's browser tests run against (test/ui): embedded PostgreSQL, the Java time-skipping
 * Temporal server, the real worker and the real API serving the built console, with the demo's organisations and
 * users. A small control server on another port — a test stand-in, not part of the product — lets a test skip the
 * server's time (ten working days of publicity in a moment) and read it. Prints one line `UI_STACK {json}` when
 * ready; stops on SIGTERM or SIGINT.
 */
async function main() {
  // The webhook tests' receivers run in the test process on 127.0.0.1: loopback targets only (nothing leaves the machine).
  process.env.WEBHOOK_TARGETS ??= 'loopback';
  const stack = await startTimeSkippingStack('ui');
  const control = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/skip') {
      const ms = Number(url.searchParams.get('ms'));
      if (!Number.isFinite(ms) || ms <= 0) return answer(400, { message: 'ms must be a positive number' });
      stack.skip(ms).then(async () => answer(200, { now: new Date(await stack.now()).toISOString() }), (e) => answer(500, { message: String(e) }));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/now') {
      stack.now().then((now) => answer(200, { now: new Date(now).toISOString() }), (e) => answer(500, { message: String(e) }));
      return;
    }
    answer(404, { message: 'POST /skip?ms=… or GET /now' });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const port = (control.address() as { port: number }).port;
  const users = stack.seed.users.map(({ role, name, email, userId, organisationId, organisation }) => ({ role, name, email, userId, organisationId, organisation }));
  process.stdout.write(`UI_STACK ${JSON.stringify({ baseUrl: stack.baseUrl, controlUrl: `http://127.0.0.1:${port}`, users, methodologyVersions: stack.seed.methodologyVersions })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    control.close();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
