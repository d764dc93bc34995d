import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import { PermanentDeliveryFailure } from '../notification-channel';
import { MAIL_SETTINGS, MailSettings } from './mail-settings';

/**
 * The one SMTP transport of a worker (nodemailer, pooled), with timeouts well inside an activity's minute. Every
 * message carries a Message-ID we choose, so a message sent again after a crash is recognisably the same one.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transporter?: Transporter;

  constructor(@Inject(MAIL_SETTINGS) readonly settings: MailSettings) {}

  get enabled(): boolean {
    return !!this.settings.smtpUrl;
  }

  /** `<id@host of the console>`. */
  messageId(id: string): string {
    let host = 'registry.local';
    try {
      host = new URL(this.settings.consoleUrl).hostname || host;
    } catch {
      /* keep the default */
    }
    return `<${id}@${host}>`;
  }

  /** Resolves with the server's answer; every recipient refused for good (5xx) is a PermanentDeliveryFailure. */
  async send(message: SendMailOptions & { to: string[] }): Promise<string> {
    if (!this.settings.smtpUrl) throw new PermanentDeliveryFailure('E-mail is off on this worker (SMTP_URL is not set).');
    const info = await this.transport()
      .sendMail({ from: this.settings.from, ...message })
      .catch((e: { code?: string; responseCode?: number; message: string }) => {
        // Every recipient refused for good (5xx to RCPT TO): no retry will change that; a 4xx or a lost connection might.
        if (e.code === 'EENVELOPE' && (e.responseCode ?? 0) >= 500) throw new PermanentDeliveryFailure(`The mail server refused the recipients: ${e.message}`);
        throw e;
      });
    const rejected = (info.rejected ?? []).map(String);
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
