import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * An integrator's endpoint in the test process (a plain HTTP server on 127.0.0.1): keeps every request as it arrived
 * (raw body, headers) and answers with `answer()` — 200 unless a test says otherwise.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (r: ReceivedWebhook) => number = () => 200;
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        this.received.push(r);
        res.statusCode = this.answer(r);
        res.end(res.statusCode < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks`;
  }

  /** What arrived about a case, parsed, in arrival order. */
  about(caseNo: string): (ReceivedWebhook & { type: string })[] {
    return this.received.filter((r) => r.body.includes(`"caseNo":"${caseNo}"`)).map((r) => ({ ...r, type: JSON.parse(r.body).type as string }));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
