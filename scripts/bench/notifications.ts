import nodemailer from 'nodemailer';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { notificationEmail } from '../../activities/notifications/email/notification-email';
import { log } from '../stack/util';
import { intFromEnv, percentile } from './measure';
import { readyDrafts } from './registration';
import { Figure, printFigure, printHeading, printLine } from './report';
import { startServiceStack } from './service-stack';

/**
 * Issue 10: how long an e-mail takes to reach the mail server after the case step that causes it. A developer submits
 * an application over HTTP (the step records the case, the inbox rows and the e-mail's outbox row in one transaction,
 * then wakes the case's delivery workflow); the clock stops when the SMTP server in this process has received the whole
 * "new application" mail to the officers. Baseline, same run, same server: nodemailer sending a mail of the same size
 * straight to it (the same pooled transport settings) — what delivery costs without the outbox and the workflow.
 * One case at a time (latency, not throughput). Knob: BENCH_NOTIFICATIONS (cases, default 40).
 */
const CASES = intFromEnv('BENCH_NOTIFICATIONS', 40);
const WARM_UP = 3;

export async function notificationsSection(databaseUrl: string): Promise<Figure[]> {
  const smtp = await startSmtpServer();
  const saved = process.env.SMTP_URL;
  process.env.SMTP_URL = smtp.url;
  try {
    const stack = await startServiceStack(databaseUrl);
    try {
      printHeading('notifications', `${stack.temporalLabel}, real API and worker, an SMTP server (smtp-server) in this process; ${CASES} cases, one at a time`);
      const dev = stack.seed.users.find((u) => u.role === 'developer')!;
      const drafts = await readyDrafts(stack, WARM_UP + CASES);
      const caseLatencies: number[] = [];
      const answered: number[] = [];
      let template: { size: number } | undefined;
      for (const [i, caseNo] of drafts.entries()) {
        const arrived = smtp.waitFor(caseNo);
        const t0 = performance.now();
        await stack.http.post(`/registrations/${caseNo}/submit`, dev.token);
        const t1 = performance.now();
        const mail = await arrived;
        if (i >= WARM_UP) {
          caseLatencies.push(mail.at - t0);
          answered.push(t1 - t0);
        }
        template ??= { size: mail.size };
      }
      const baseline = await directSends(smtp.url, CASES + WARM_UP, smtp);
      const measured = {
        label: 'submit → mail received (p50)', value: percentile(caseLatencies, 50), unit: 'ms' as const, p99: percentile(caseLatencies, 99),
        note: `p99 ${percentile(caseLatencies, 99).toFixed(1)} ms, ${caseLatencies.length} mails of ~${((template?.size ?? 0) / 1024).toFixed(1)} KiB`,
      };
      const figure: Figure = {
        section: 'notifications',
        baseline: { label: 'nodemailer → same server (p50)', value: percentile(baseline, 50), unit: 'ms', p99: percentile(baseline, 99), note: `p99 ${percentile(baseline, 99).toFixed(1)} ms, ${baseline.length} mails` },
        measured,
        ratioLabel: 'case step → mail p50 ÷ direct send p50',
      };
      printFigure(figure);
      printLine('context', 'of which the submit request itself (p50)', `${percentile(answered, 50).toFixed(1).padStart(9)} ms   (the rest: outbox → workflow → activity → SMTP)`);
      printLine('ratio', 'case step → mail p99 ÷ direct send p99', (percentile(caseLatencies, 99) / percentile(baseline, 99)).toFixed(2).padStart(12));
      return [figure];
    } finally {
      await stack.stop();
    }
  } finally {
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
    await smtp.stop();
  }
}

/** The baseline: `n` mails like a notification, sent one at a time with nodemailer straight to the server. */
async function directSends(url: string, n: number, smtp: BenchSmtp): Promise<number[]> {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 3 } as unknown as Parameters<typeof nodemailer.createTransport>[0]);
  const mail = notificationEmail({
    kind: 'case_submitted', message: 'BJ-REG-BENCH submitted for technical review.', caseNo: 'BJ-REG-BENCH', caseType: 'registration', projectName: 'Bench PV',
    deadlineAt: null, consoleUrl: 'http://localhost:3000/console',
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const tag = `DIRECT-${i}`;
      const arrived = smtp.waitFor(tag);
      const t0 = performance.now();
      await transport.sendMail({ from: 'registry@localhost', to: ['wang@registry.example', 'li@registry.example'], ...mail, headers: { 'X-Registry-Case': tag } });
      const got = await arrived;
      if (i >= WARM_UP) samples.push(got.at - t0);
    }
  } finally {
    transport.close();
  }
  return samples;
}

interface BenchSmtp {
  url: string;
  waitFor(caseNo: string): Promise<{ at: number; size: number }>;
  stop(): Promise<void>;
}

/** A real SMTP server; a message counts as received when its DATA has been read to the end (then it answers 250). */
async function startSmtpServer(): Promise<BenchSmtp> {
  const waiting = new Map<string, (r: { at: number; size: number }) => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const at = performance.now();
        const raw = Buffer.concat(chunks).toString('utf8');
        const caseNo = /^X-Registry-Case: (.+)$/im.exec(raw)?.[1]?.trim();
        const kind = /^X-Registry-Notification-Kind: (.+)$/im.exec(raw)?.[1]?.trim();
        if (caseNo && (kind === undefined || kind === 'case_submitted')) waiting.get(caseNo)?.({ at, size: raw.length });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  log('bench', `SMTP server for the notifications section on ${url}`);
  return {
    url,
    waitFor: (caseNo) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail about ${caseNo} within 60 s`)), 60_000);
        waiting.set(caseNo, (r) => {
          clearTimeout(timer);
          waiting.delete(caseNo);
          resolve(r);
        });
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
