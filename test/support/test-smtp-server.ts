import { simpleParser, ParsedMail } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it: the envelope and the parsed mail. */
export interface ReceivedMail {
  envelopeTo: string[];
  mail: ParsedMail;
  receivedAt: number;
}

/**
 * A real SMTP server in the test process (smtp-server, parsed with mailparser), on 127.0.0.1. It can be stopped and
 * started again on the same port, as a mail server that goes away and comes back.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Addresses refused for good (550 to RCPT TO), as a server refuses an unknown mailbox. */
  readonly refuse = new Set<string>();
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        if (this.refuse.has(address.address)) return callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail, receivedAt: Date.now() });
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Closes the listener and every open connection: connections are refused until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const sessions = (server as unknown as { connections: Set<{ close(): void }> }).connections;
    for (const c of sessions ?? []) c.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages addressed (envelope) to this address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address));
  }
}
