import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notificationKind } from '../../../libs/domain/src';
import { EmailAudienceRepository, OutboxDelivery, PlannedDelivery, RecordedStep } from '../../../libs/persistence/src';
import { NotificationChannel, PermanentDeliveryFailure } from '../notification-channel';
import { Mailer } from './mailer';
import { notificationEmail } from './notification-email';

/**
 * E-mail through SMTP with nodemailer (issue 10): one message per notification to everyone it is e-mailed to (each
 * addressed user as they chose for its kind, and their organisations' shared mailboxes), in Chinese with an English
 * section. Users who chose a daily digest get a digest entry instead (see DigestActivitiesService).
 */
@Injectable()
export class EmailChannel implements NotificationChannel {
  readonly name = 'email';
  private readonly log = new Logger('EmailChannel');

  constructor(
    private readonly mailer: Mailer,
    private readonly audience: EmailAudienceRepository,
  ) {
    if (!mailer.enabled) this.log.warn('SMTP_URL is not set: e-mail is off, notifications stay in the inbox.');
  }

  async plan(tx: EntityManager, step: RecordedStep): Promise<PlannedDelivery[]> {
    if (!this.mailer.enabled) return [];
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
    const facts = n.caseNo ? await this.audience.caseFacts(n.caseNo) : null;
    const mail = notificationEmail({
      kind: n.kind, message: n.message, caseNo: n.caseNo, caseType: facts?.caseType ?? null, projectName: facts?.projectName ?? null,
      deadlineAt: n.deadlineAt, consoleUrl: this.mailer.settings.consoleUrl,
    });
    return this.mailer.send({
      to: d.recipients,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: this.mailer.messageId(d.id),
      headers: { 'X-Registry-Delivery': d.id, 'X-Registry-Notification-Kind': n.kind, ...(n.caseNo ? { 'X-Registry-Case': n.caseNo } : {}) },
    });
  }
}
