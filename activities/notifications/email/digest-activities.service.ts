import { Injectable, Logger } from '@nestjs/common';
import { shanghaiDate } from '../../../libs/domain/src/calendar';
import { NotificationDigestRepository } from '../../../libs/persistence/src';
import type { DigestActivities } from '../../../libs/temporal/src';
import { Mailer } from './mailer';
import { digestEmail } from './notification-email';

/**
 * The daily digest (issue 10), run each morning by the `notification-digest` Schedule: every user with notifications
 * waiting for their digest gets one e-mail for the Beijing day (at most one a day: the database's key), then each
 * digest is sent; a digest that fails stays pending and is sent by the activity's retry or the next morning.
 */
@Injectable()
export class DigestActivitiesService implements DigestActivities {
  private readonly log = new Logger('Digests');

  constructor(
    private readonly digests: NotificationDigestRepository,
    private readonly mailer: Mailer,
  ) {}

  /** `at`: the workflow's time, so a time-skipped test and production read the same day. */
  async sendDailyDigests(req: { at: string }): Promise<{ sent: number; failed: number }> {
    if (!this.mailer.enabled) return { sent: 0, failed: 0 };
    const day = shanghaiDate(new Date(req.at));
    await this.digests.prepare(day, req.at);
    let sent = 0;
    const failures: string[] = [];
    for (const d of await this.digests.pending()) {
      try {
        const mail = digestEmail(d.digestDay, await this.digests.entries(d.id), this.mailer.settings.consoleUrl);
        const response = await this.mailer.send({ to: [d.email], ...mail, messageId: this.mailer.messageId(d.id), headers: { 'X-Registry-Digest': d.id } });
        await this.digests.sent(d.id, response);
        sent += 1;
      } catch (e) {
        failures.push(`${d.email}: ${(e as Error).message}`);
        await this.digests.failed(d.id, (e as Error).message);
      }
    }
    if (failures.length) {
      this.log.warn(`${failures.length} digest(s) not sent: ${failures.join('; ')}`);
      throw new Error(`${failures.length} digest(s) not sent, ${sent} sent; retrying the rest: ${failures[0]}`);
    }
    return { sent, failed: 0 };
  }
}
