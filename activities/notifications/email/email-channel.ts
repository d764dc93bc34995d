import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { notificationKind } from '../../../libs/domain/src';
import { EmailAudienceRepository, OutboxDelivery, PlannedDelivery, RecordedStep } from '../../../libs/persistence/src';
import { NotificationChannel, PermanentDeliveryFailure } from '../notification-channel';
import { MAIL_SETTINGS, MailSettings } from './mail-settings';
import { notificationEmail } from './notification-email';

/**
 * E-mail through SMTP with nodemailer (issue 10): one message per notification to everyone it is e-mailed to, in
 * Chinese with an English section. Its Message-ID is the delivery's id, so a mail sent again after a crash between the
 * server's "250" and our record of it is recognisable as the same message. A pooled connection, with timeouts well
 * inside the activity's minute.
 */
@Injectable()
export class EmailChannel implements NotificationChannel, OnModuleDestroy {
  readonly name = 'email';
  private readonly log = new Logger('EmailChannel');
  private transporter?: Transporter;

  constructor(
    @Inject(MAIL_SETTINGS) private readonly settings: MailSettings,
    private readonly audience: EmailAudienceRepository,
  ) {
    if (!settings.smtpUrl) this.log.warn('SMTP_URL is not set: e-mail is off, notifications stay in the inbox.');
  }

  async plan(tx: EntityManager, step: RecordedStep): Promise<PlannedDelivery[]> {
    if (!this.settings.smtpUrl) return [];
    const planned: PlannedDelivery[] = [];
    for (const n of step.notifications) {
      const recipients = await this.audience.addressees(tx, n, notificationKind(n.kind).emailByDefault);
      if (recipients.length) planned.push({ channel: this.name, lane: this.name, notificationId: n.id, recipients });
    }
    return planned;
  }

  async deliver(d: OutboxDelivery): Promise<string> {
    const n = d.notification;
    if (!n) throw new PermanentDeliveryFailure(`Delivery ${d.id} has no notification to e-mail.`);
    if (!this.settings.smtpUrl) throw new PermanentDeliveryFailure('E-mail is off on this worker (SMTP_URL is not set).');
    const facts = n.caseNo ? await this.audience.caseFacts(n.caseNo) : null;
    const mail = notificationEmail({
      kind: n.kind, message: n.message, caseNo: n.caseNo, caseType: facts?.caseType ?? null, projectName: facts?.projectName ?? null,
      deadlineAt: n.deadlineAt, consoleUrl: this.settings.consoleUrl,
    });
    const info = await this.transport().sendMail({
      from: this.settings.from,
      to: d.recipients,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${d.id}@${messageIdHost(this.settings.consoleUrl)}>`,
      headers: { 'X-Registry-Delivery': d.id, 'X-Registry-Notification-Kind': n.kind },
    }).catch((e: { code?: string; responseCode?: number; message: string }) => {
      // Every recipient refused for good (5xx to RCPT TO): no retry will change that; a 4xx or a lost connection might.
      if (e.code === 'EENVELOPE' && (e.responseCode ?? 0) >= 500) throw new PermanentDeliveryFailure(`The mail server refused the recipients: ${e.message}`);
      throw e;
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length === d.recipients.length) throw new PermanentDeliveryFailure(`The mail server refused every recipient: ${info.response}`);
    return rejected.length ? `${info.response} (refused: ${rejected.join(', ')})` : String(info.response);
  }

  private transport(): Transporter {
    this.transporter ??= nodemailer.createTransport({
      url: this.settings.smtpUrl!,
      pool: true,
      maxConnections: 3,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as unknown as Parameters<typeof nodemailer.createTransport>[0]);
    return this.transporter;
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

function messageIdHost(consoleUrl: string): string {
  try {
    return new URL(consoleUrl).hostname || 'registry.local';
  } catch {
    return 'registry.local';
  }
}
